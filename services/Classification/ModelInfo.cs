using System.Text.Json;

namespace AudioPlatform.Classification;

/// <summary>
/// model-info.json, written by the training command next to the model zips: which feature schema and model input the
/// models read, their labels, the statistics that standardise features for the similarity embedding, and the seed.
/// </summary>
public sealed record ModelInfo
{
    public const string FileName = "model-info.json";

    /// <summary>The engine's <see cref="Engine.FeatureVector.SchemaVersion"/> the models were trained on.</summary>
    public required int FeatureSchemaVersion { get; init; }
    public required IReadOnlyList<string> InputFeatures { get; init; }
    public required IReadOnlyList<string> Genres { get; init; }
    public required IReadOnlyList<string> Moods { get; init; }
    public required IReadOnlyList<string> Instruments { get; init; }
    /// <summary>Mean and standard deviation of each model input over the training set.</summary>
    public required IReadOnlyList<float> FeatureMeans { get; init; }
    public required IReadOnlyList<float> FeatureStds { get; init; }
    /// <summary>Temperature and Platt scaling fitted on the validation set; none (raw scores) when absent.</summary>
    public LabelCalibration? Calibration { get; init; }
    /// <summary>How far from the training music a track may lie and still be labelled; no distance check when absent.</summary>
    public FamiliarityLimit? Familiarity { get; init; }
    public required int Seed { get; init; }
    public required string Trainer { get; init; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static ModelInfo Load(string path) =>
        JsonSerializer.Deserialize<ModelInfo>(File.ReadAllText(path), Json) ?? throw new ClassifierModelException($"{path} is empty.");

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    public static string GenreModelFile => "genre.zip";

    public static string MoodModelFile(string mood) => $"mood-{mood}.zip";

    public static string InstrumentModelFile(string instrument) => $"instrument-{instrument}.zip";
}
