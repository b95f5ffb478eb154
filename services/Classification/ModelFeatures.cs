using AudioPlatform.Engine;

namespace AudioPlatform.Classification;

/// <summary>
/// Turns the engine's <see cref="FeatureVector"/> into what the models read, the same way for training and prediction.
/// Left out: the duration (a track's length says nothing of its genre) and the absolute key (one-hot and chroma in
/// C-based pitch classes), which a model would otherwise memorise from a few hundred pieces. Added instead: chroma
/// rotated to the detected tonic, so harmony (sevenths, modes) is seen independently of the key.
/// </summary>
public static class ModelFeatures
{
    private static readonly string[] Dropped = ["durationSeconds"];

    public static IReadOnlyList<string> Names { get; } = BuildNames();

    public static int Length => Names.Count;

    private static string[] BuildNames()
    {
        var names = FeatureVector.Names.Where(Kept).ToList();
        for (var i = 0; i < 12; i++) names.Add($"chromaRelativeMean{i}");
        for (var i = 0; i < 12; i++) names.Add($"chromaRelativeStd{i}");
        return [.. names];
    }

    private static bool Kept(string name) =>
        !Dropped.Contains(name) && !name.StartsWith("key", StringComparison.Ordinal) && !name.StartsWith("chroma", StringComparison.Ordinal)
        || name is "keyConfidence" or "keyIsMajor";

    private static readonly int[] KeptIndices = FeatureVector.Names.Select((n, i) => (n, i)).Where(x => Kept(x.n)).Select(x => x.i).ToArray();
    private static readonly int ChromaMean = IndexOf("chromaMean0"), ChromaStd = IndexOf("chromaStd0"), KeyOneHot = IndexOf("key0");

    private static int IndexOf(string name) => FeatureVector.Names.ToList().IndexOf(name);

    /// <summary>Checks a feature vector of the current schema and maps it to the model input.</summary>
    /// <exception cref="InvalidFeatureVectorException">Missing, wrong length, NaN or infinite values, or another schema version.</exception>
    public static float[] From(float[]? featureVector, int schemaVersion = FeatureVector.SchemaVersion)
    {
        Validate(featureVector, schemaVersion);
        var v = featureVector!;
        var result = new float[Length];
        var k = 0;
        foreach (var index in KeptIndices) result[k++] = v[index];
        var tonic = DetectedTonic(v);
        for (var i = 0; i < 12; i++) result[k++] = v[ChromaMean + (tonic + i) % 12];
        for (var i = 0; i < 12; i++) result[k++] = v[ChromaStd + (tonic + i) % 12];
        return result;
    }

    public static void Validate(float[]? featureVector, int schemaVersion = FeatureVector.SchemaVersion)
    {
        if (schemaVersion != FeatureVector.SchemaVersion)
            throw new InvalidFeatureVectorException(FeatureVectorProblem.SchemaMismatch,
                $"The feature vector has schema version {schemaVersion}; the models read version {FeatureVector.SchemaVersion}. Analyse the track again.");
        if (featureVector is null || featureVector.Length != FeatureVector.Length)
            throw new InvalidFeatureVectorException(FeatureVectorProblem.WrongLength,
                $"The feature vector has {featureVector?.Length ?? 0} values; schema {FeatureVector.SchemaVersion} has {FeatureVector.Length}.");
        for (var i = 0; i < featureVector.Length; i++)
            if (!float.IsFinite(featureVector[i]))
                throw new InvalidFeatureVectorException(FeatureVectorProblem.NotFinite,
                    $"Feature '{FeatureVector.Names[i]}' (position {i}) is {featureVector[i]}; every feature must be a finite number.", FeatureVector.Names[i]);
    }

    /// <summary>Whether the engine found a key (its one-hot is all zero when it found none).</summary>
    public static bool HasKey(float[] featureVector)
    {
        for (var i = 0; i < 24; i++)
            if (featureVector[KeyOneHot + i] > 0.5f) return true;
        return false;
    }

    /// <summary>The tonic pitch class of the key the engine found (0 when it found none).</summary>
    public static int DetectedTonic(float[] featureVector)
    {
        var best = -1;
        for (var i = 0; i < 24; i++)
            if (featureVector[KeyOneHot + i] > 0.5f) best = i;
        return best < 0 ? 0 : best % 12;
    }
}
