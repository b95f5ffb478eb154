using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using AudioPlatform.Similarity;

namespace AudioPlatform.Library.Model;

/// <summary>
/// Turns the analysis document <c>AnalysisCompleted</c> carries (the engine's camelCase JSON plus what the models added)
/// into <see cref="TrackAnalysis"/>, once, when the event arrives. Tolerant: a field of the wrong type, a non-finite
/// number or a malformed label is left out rather than failing the whole analysis.
/// </summary>
public static class AnalysisDocument
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>The document's names the typed fields hold; the rest goes to <see cref="TrackAnalysis.EngineExtras"/>.</summary>
    private static readonly HashSet<string> Typed = typeof(TrackAnalysis).GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Select(property => JsonNamingPolicy.CamelCase.ConvertName(property.Name))
        .Concat(["waveform", "spectrogramPng", "timings", "source"])
        .ToHashSet(StringComparer.Ordinal);

    public static TrackAnalysis Read(string json, string engineVersion)
    {
        var root = JsonNode.Parse(json) as JsonObject ?? [];
        var analysis = new TrackAnalysis
        {
            DurationSeconds = Number(root, "durationSeconds"),
            TempoBpm = Number(root, "tempoBpm"),
            TempoConfidence = Number(root, "tempoConfidence"),
            TempoAlternativeBpm = Number(root, "tempoAlternativeBpm"),
            TempoAlternativeConfidence = Number(root, "tempoAlternativeConfidence"),
            TempoAmbiguous = root["tempoAmbiguous"] is JsonValue ambiguous && ambiguous.TryGetValue<bool>(out var isAmbiguous) && isAmbiguous,
            TempoMissingReason = Text(root, "tempoMissingReason"),
            PulseClarity = Number(root, "pulseClarity"),
            BeatTimes = Numbers(root, "beatTimes"),
            TimeSignature = Text(root, "timeSignature"),
            TimeSignatureConfidence = Number(root, "timeSignatureConfidence"),
            OnsetRate = Number(root, "onsetRate"),
            Key = NonEmpty(Text(root, "key")),
            KeyMode = Text(root, "keyMode"),
            KeyConfidence = Number(root, "keyConfidence"),
            KeyRunnerUp = Text(root, "keyRunnerUp"),
            KeyRunnerUpConfidence = Number(root, "keyRunnerUpConfidence"),
            Camelot = NonEmpty(Text(root, "camelot")),
            KeyMissingReason = Text(root, "keyMissingReason"),
            KeyPitchProfile = Numbers(root, "keyPitchProfile"),
            KeyBassProfile = Numbers(root, "keyBassProfile"),
            LoudnessLufs = Number(root, "loudnessLufs"),
            LoudnessRangeLu = Number(root, "loudnessRangeLu"),
            TruePeakDbtp = Number(root, "truePeakDbtp"),
            SamplePeakDbfs = Number(root, "samplePeakDbfs"),
            RmsDbfs = Number(root, "rmsDbfs"),
            Energy = Number(root, "energy"),
            Danceability = Number(root, "danceability"),
            Valence = Number(root, "valence"),
            SpectralCentroidHz = Number(root, "spectralCentroidHz"),
            SpectralCentroidStdHz = Number(root, "spectralCentroidStdHz"),
            SpectralRolloffHz = Number(root, "spectralRolloffHz"),
            SpectralRolloffStdHz = Number(root, "spectralRolloffStdHz"),
            SpectralFlatness = Number(root, "spectralFlatness"),
            SpectralFlatnessStd = Number(root, "spectralFlatnessStd"),
            ZeroCrossingRate = Number(root, "zeroCrossingRate"),
            ZeroCrossingRateStd = Number(root, "zeroCrossingRateStd"),
            MfccMean = Numbers(root, "mfccMean"),
            MfccStd = Numbers(root, "mfccStd"),
            ChromaMean = Numbers(root, "chromaMean"),
            ChromaStd = Numbers(root, "chromaStd"),
            BandShareMeanDb = Numbers(root, "bandShareMeanDb"),
            BandShareStdDb = Numbers(root, "bandShareStdDb"),
            BandContrastDb = Numbers(root, "bandContrastDb"),
            FeatureVector = Numbers(root, "featureVector"),
            Genres = Labels(root, "genres"),
            Moods = Labels(root, "moods"),
            Instruments = Labels(root, "instruments"),
            Tags = root["tags"] is JsonArray tags
                ? tags.OfType<JsonValue>().Select(t => t.TryGetValue<string>(out var tag) ? tag : null).OfType<string>().ToList()
                : [],
            Description = Text(root, "description"),
            LabelsUnknownReason = Text(root, "labelsUnknownReason"),
            ClassificationError = Text(root, "classificationError"),
            Embedding = Embedding(root),
            ModelVersion = Text(root, "modelVersion"),
            EngineVersion = engineVersion,
        };

        var extras = new JsonObject();
        foreach (var (name, value) in root.Where(property => !Typed.Contains(property.Key)).ToList())
        {
            root.Remove(name);
            extras[name] = value;
        }

        analysis.EngineExtras = extras.Count > 0 ? extras.ToJsonString(Web) : null;
        return analysis;
    }

    /// <summary>
    /// A record stored before the typed model (the whole document in <see cref="TrackAnalysis.Json"/>) as typed fields;
    /// answers false for a record that is typed already. Labels the record kept beside the document win over the document's.
    /// </summary>
    public static bool Upgrade(Track track)
    {
        if (track.Analysis is not { Json: { } json } stored)
        {
            return false;
        }

        var typed = Read(json, stored.EngineVersion);
        typed.Genres = stored.Genres.Count > 0 ? stored.Genres : typed.Genres;
        typed.Moods = stored.Moods.Count > 0 ? stored.Moods : typed.Moods;
        typed.Instruments = stored.Instruments.Count > 0 ? stored.Instruments : typed.Instruments;
        typed.Tags = stored.Tags.Count > 0 ? stored.Tags : typed.Tags;
        typed.Description = stored.Description ?? typed.Description;
        typed.Embedding = stored.Embedding.Length > 0 ? stored.Embedding : typed.Embedding;
        typed.ModelVersion = stored.ModelVersion ?? typed.ModelVersion;
        track.Analysis = TrackTransitions.Prepare(typed);
        return true;
    }

    /// <summary><c>[{ name, confidence }]</c>, best first as the models listed them; malformed entries left out.</summary>
    private static List<LabelScore> Labels(JsonObject root, string name) =>
        root[name] is JsonArray labels
            ? labels.OfType<JsonObject>()
                .Where(l => Text(l, "name") is { Length: > 0 } && Number(l, "confidence") is not null)
                .Select(l => new LabelScore(Text(l, "name")!, Number(l, "confidence")!.Value))
                .ToList()
            : [];

    /// <summary>The similarity embedding; empty unless every value is a finite number.</summary>
    private static float[] Embedding(JsonObject root)
    {
        if (root["embedding"] is not JsonArray values)
        {
            return [];
        }

        var embedding = new float[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is not JsonValue value || !value.TryGetValue<float>(out var number) || !float.IsFinite(number))
            {
                return [];
            }

            embedding[i] = number;
        }

        return embedding;
    }

    /// <summary>A list of numbers; a value that is not a finite number (the engine writes NaN as a string) reads as 0.</summary>
    private static List<double> Numbers(JsonObject root, string name) =>
        root[name] is JsonArray values
            ? values.Select(v => v is JsonValue value && value.TryGetValue<double>(out var number) && double.IsFinite(number) ? number : 0).ToList()
            : [];

    private static double? Number(JsonObject root, string name) =>
        root[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<double>(out var number) && double.IsFinite(number)
            ? number
            : null;

    private static string? Text(JsonObject root, string name) =>
        root[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
