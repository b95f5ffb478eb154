using System.Text.Json.Serialization;
using AudioPlatform.Contracts;
using AudioPlatform.Similarity;
using AudioPlatform.Similarity.Tagging;

namespace AudioPlatform.Library.Model;

/// <summary>Who set a corrected value.</summary>
public static class CorrectionSource
{
    /// <summary>The owner typed, tapped or clicked it.</summary>
    public const string User = "user";

    /// <summary>Derived from the owner's earlier tempo corrections (<see cref="TempoPreference"/>), never typed for this track.</summary>
    public const string Preference = "preference";
}

/// <summary>
/// The values the owner set over the analysis's, each with the analysis's own value it replaces. The track's
/// <see cref="Track.Analysis"/> holds the effective values (the corrected ones where set), so every list, filter, sort,
/// statistic, map and mixing suggestion reads them through the fields it already reads; these records say which values
/// are the owner's and keep what the analysis said, restored when a correction is cleared. A new analysis replaces the
/// analysis's values here, never the owner's.
/// </summary>
public sealed class TrackCorrections
{
    public TempoCorrection? TempoBpm { get; set; }

    public KeyCorrection? Key { get; set; }

    public TextCorrection? TimeSignature { get; set; }

    /// <summary>One genre, lower-cased.</summary>
    public LabelCorrection? Genre { get; set; }

    /// <summary>One mood, lower-cased.</summary>
    public LabelCorrection? Mood { get; set; }

    /// <summary>Any number of instruments, lower-cased.</summary>
    public LabelCorrection? Instruments { get; set; }

    /// <summary>
    /// The analysis's own generated tags, which the ones written from the corrected values (<see cref="TrackWording"/>)
    /// replace in <see cref="TrackAnalysis.Tags"/>; null on corrections stored before the tags followed them.
    /// </summary>
    [JsonIgnore]
    public List<string>? AnalysisTags { get; set; }

    /// <summary>The analysis's own description (null when it wrote none), which the one written from the corrected values replaces.</summary>
    [JsonIgnore]
    public string? AnalysisDescription { get; set; }

    [JsonIgnore]
    public bool IsEmpty => TempoBpm is null && Key is null && TimeSignature is null && Genre is null && Mood is null && Instruments is null;
}

/// <summary>What every corrected value says besides itself: who set it (<see cref="CorrectionSource"/>) and when.</summary>
public abstract class Correction
{
    /// <summary><c>user</c> or <c>preference</c>.</summary>
    public string Source { get; set; } = CorrectionSource.User;

    public DateTime SetAt { get; set; }
}

public sealed class TempoCorrection : Correction
{
    public double Value { get; set; }

    /// <summary>The analysis's tempo (null when it found no beat).</summary>
    public double? AnalysisValue { get; set; }
}

public sealed class KeyCorrection : Correction
{
    /// <summary>For example <c>A minor</c>.</summary>
    public string Value { get; set; } = "";

    /// <summary><c>major</c> or <c>minor</c>.</summary>
    public string Mode { get; set; } = "";

    /// <summary>For example <c>8A</c>.</summary>
    public string Camelot { get; set; } = "";

    public string? AnalysisValue { get; set; }

    public string? AnalysisMode { get; set; }

    public string? AnalysisCamelot { get; set; }
}

public sealed class TextCorrection : Correction
{
    public string Value { get; set; } = "";

    public string? AnalysisValue { get; set; }
}

public sealed class LabelCorrection : Correction
{
    public List<string> Value { get; set; } = [];

    /// <summary>The analysis's labels with their confidences.</summary>
    public List<LabelScore> AnalysisValue { get; set; } = [];
}

/// <summary>A change of a track's corrections: the values to set (null ones left as they are), then the fields to clear.</summary>
public sealed record CorrectionChange(CorrectionValues Set, IReadOnlyCollection<string> Clear);

/// <summary>Validated, normalised values to set; null ones are left as they are.</summary>
public sealed record CorrectionValues(
    double? TempoBpm = null, string? Key = null, string? TimeSignature = null, string? Genre = null, string? Mood = null,
    IReadOnlyList<string>? Instruments = null);

/// <summary>How corrections change a track: the rule both stores run inside their read-modify-write.</summary>
public static class CorrectionRules
{
    /// <summary>The field names, as the API spells them (the JSON names of <see cref="TrackCorrections"/>).</summary>
    public static IReadOnlyList<string> FieldNames { get; } = ["tempoBpm", "key", "timeSignature", "genre", "mood", "instruments"];

    /// <summary>
    /// Sets and clears the owner's values on an analysed track and puts a <see cref="TrackCorrected"/> in its outbox in the
    /// same write; false for a track not analysed (nothing to correct yet).
    /// </summary>
    public static Func<Track, bool> Change(CorrectionChange change, DateTimeOffset at) =>
        track =>
        {
            if (track is not { Status: TrackStatus.Analyzed, Analysis: { } analysis })
            {
                return false;
            }

            var setAt = TrackTransitions.Normalize(at);
            var corrections = track.Corrections ?? new TrackCorrections();
            Restore(analysis, corrections);
            Set(corrections, change.Set, setAt);
            foreach (var field in change.Clear)
            {
                ClearField(corrections, field);
            }

            track.Corrections = corrections.IsEmpty ? null : corrections;
            Overlay(analysis, track.Corrections);
            track.UpdatedAt = TrackTransitions.Normalize(DateTime.UtcNow);
            Announce(track, at);
            return true;
        };

    /// <summary>
    /// A new analysis arrived (already in <see cref="Track.Analysis"/>, the analysis's own values): the owner's values go over
    /// it again, and the tempo preference is worked out anew for it (<paramref name="preferredTempoBpm"/>, null when none
    /// applies). Announces the corrections when the preference changed them.
    /// </summary>
    public static void OnNewAnalysis(Track track, double? preferredTempoBpm, DateTime at)
    {
        var corrections = track.Corrections ?? new TrackCorrections();
        var before = corrections.TempoBpm is { Source: CorrectionSource.Preference } old ? old.Value : (double?)null;
        if (corrections.TempoBpm?.Source == CorrectionSource.Preference)
        {
            corrections.TempoBpm = null;
        }

        if (corrections.TempoBpm is null && preferredTempoBpm is { } preferred)
        {
            corrections.TempoBpm = new TempoCorrection { Value = preferred, Source = CorrectionSource.Preference, SetAt = at };
        }

        track.Corrections = corrections.IsEmpty ? null : corrections;
        Overlay(track.Analysis!, track.Corrections);
        if (before != (corrections.TempoBpm is { Source: CorrectionSource.Preference } now ? now.Value : null))
        {
            Announce(track, new DateTimeOffset(at, TimeSpan.Zero));
        }
    }

    private static void Set(TrackCorrections corrections, CorrectionValues values, DateTime at)
    {
        if (values.TempoBpm is { } tempo)
        {
            corrections.TempoBpm = new TempoCorrection { Value = Math.Round(tempo, 2), SetAt = at };
        }

        if (values.Key is { } key && Mixing.KeyName.TryParse(key, out var name, out var camelot))
        {
            corrections.Key = new KeyCorrection
            {
                Value = name, Mode = name.EndsWith("minor", StringComparison.Ordinal) ? "minor" : "major", Camelot = camelot.ToString(), SetAt = at,
            };
        }

        if (values.TimeSignature is { } meter)
        {
            corrections.TimeSignature = new TextCorrection { Value = meter, SetAt = at };
        }

        if (values.Genre is { } genre)
        {
            corrections.Genre = Labels([genre], at);
        }

        if (values.Mood is { } mood)
        {
            corrections.Mood = Labels([mood], at);
        }

        if (values.Instruments is { } instruments)
        {
            corrections.Instruments = Labels(instruments, at);
        }
    }

    private static LabelCorrection Labels(IEnumerable<string> names, DateTime at) =>
        new() { Value = names.Select(name => name.Trim().ToLowerInvariant()).Distinct().ToList(), SetAt = at };

    private static void ClearField(TrackCorrections corrections, string field)
    {
        switch (field)
        {
            case "tempoBpm": corrections.TempoBpm = null; break;
            case "key": corrections.Key = null; break;
            case "timeSignature": corrections.TimeSignature = null; break;
            case "genre": corrections.Genre = null; break;
            case "mood": corrections.Mood = null; break;
            case "instruments": corrections.Instruments = null; break;
            default: throw new ArgumentOutOfRangeException(nameof(field), field, "Not a corrected field.");
        }
    }

    /// <summary>
    /// Puts the owner's values into the analysis, keeping each analysis value it replaces in its correction, and writes the
    /// tags and description again from the values now in force (the analysis's own words kept beside them).
    /// </summary>
    private static void Overlay(TrackAnalysis analysis, TrackCorrections? corrections)
    {
        if (corrections is null)
        {
            return;
        }

        if (corrections.TempoBpm is { } tempo)
        {
            (tempo.AnalysisValue, analysis.TempoBpm) = (analysis.TempoBpm, tempo.Value);
        }

        if (corrections.Key is { } key)
        {
            (key.AnalysisValue, key.AnalysisMode, key.AnalysisCamelot) = (analysis.Key, analysis.KeyMode, analysis.Camelot);
            (analysis.Key, analysis.KeyMode, analysis.Camelot) = (key.Value, key.Mode, key.Camelot);
        }

        if (corrections.TimeSignature is { } meter)
        {
            (meter.AnalysisValue, analysis.TimeSignature) = (analysis.TimeSignature, meter.Value);
        }

        analysis.Genres = OverlayLabels(corrections.Genre, analysis.Genres);
        analysis.Moods = OverlayLabels(corrections.Mood, analysis.Moods);
        analysis.Instruments = OverlayLabels(corrections.Instruments, analysis.Instruments);
        TrackTransitions.Prepare(analysis);

        (corrections.AnalysisTags, corrections.AnalysisDescription) = (analysis.Tags, analysis.Description);
        var wording = TrackWording.For(analysis.Facts() with { TempoAmbiguous = analysis.TempoAmbiguous && corrections.TempoBpm is null }, Labels(analysis, corrections));
        (analysis.Tags, analysis.Description) = (wording.Tags.ToList(), wording.Description);
    }

    /// <summary>
    /// The labels the words are written from. The owner's labels count even on a track the models do not know (which they
    /// otherwise keep quiet about): then only the owner's are said, not the models' unclaimed guesses.
    /// </summary>
    private static TrackClassification Labels(TrackAnalysis analysis, TrackCorrections corrections)
    {
        if (analysis.LabelsUnknownReason is null || corrections is { Genre: null, Mood: null, Instruments: null })
        {
            return analysis.Classification();
        }

        return new TrackClassification(
            corrections.Genre is null ? [] : analysis.Genres, corrections.Mood is null ? [] : analysis.Moods,
            corrections.Instruments is null ? [] : analysis.Instruments);
    }

    /// <summary>The owner's labels replace the analysis's, each as certain (confidence 1): the owner said so.</summary>
    private static List<LabelScore> OverlayLabels(LabelCorrection? correction, List<LabelScore> labels)
    {
        if (correction is null)
        {
            return labels;
        }

        correction.AnalysisValue = labels;
        return correction.Value.Select(name => new LabelScore(name, 1)).ToList();
    }

    /// <summary>Puts the analysis's own values back where the owner's are (the inverse of <see cref="Overlay"/>).</summary>
    private static void Restore(TrackAnalysis analysis, TrackCorrections corrections)
    {
        if (corrections.TempoBpm is { } tempo)
        {
            analysis.TempoBpm = tempo.AnalysisValue;
        }

        if (corrections.Key is { } key)
        {
            (analysis.Key, analysis.KeyMode, analysis.Camelot) = (key.AnalysisValue, key.AnalysisMode, key.AnalysisCamelot);
        }

        if (corrections.TimeSignature is { } meter)
        {
            analysis.TimeSignature = meter.AnalysisValue;
        }

        analysis.Genres = corrections.Genre?.AnalysisValue ?? analysis.Genres;
        analysis.Moods = corrections.Mood?.AnalysisValue ?? analysis.Moods;
        analysis.Instruments = corrections.Instruments?.AnalysisValue ?? analysis.Instruments;
        TrackTransitions.Prepare(analysis);
        if (corrections.AnalysisTags is { } tags)
        {
            (analysis.Tags, analysis.Description) = (tags, corrections.AnalysisDescription);
        }
    }

    /// <summary>The whole set as it now stands, for Ingest's tagged copies (and anyone else who keeps a copy).</summary>
    private static void Announce(Track track, DateTimeOffset at)
    {
        var c = track.Corrections;
        TrackTransitions.Enqueue(track, new TrackCorrected(
            track.Id, c?.TempoBpm?.Value, c?.Key?.Value, c?.Key?.Camelot, c?.TimeSignature?.Value,
            c?.Genre?.Value, c?.Mood?.Value, c?.Instruments?.Value)
        {
            UserId = track.UserId,
            CorrelationId = track.Id,
            OccurredAt = at,
        });
    }
}

/// <summary>The bounds of what an owner may set.</summary>
public static class CorrectionLimits
{
    public const double MinTempoBpm = 20;

    public const double MaxTempoBpm = 300;

    public const int MaxLabelLength = 40;

    public const int MaxInstruments = 12;

    /// <summary>The meters the analysis can name, and the ones people commonly correct to.</summary>
    public static IReadOnlyList<string> TimeSignatures { get; } = ["2/4", "3/4", "4/4", "5/4", "6/8", "7/8", "9/8", "12/8"];
}
