using System.Text.Json;
using AudioPlatform.Classification;
using AudioPlatform.Similarity;
using AudioPlatform.Engine;

namespace AudioPlatform.Training;

/// <summary>One analysed, labelled recording. <see cref="Genre"/> is null for real recordings (they carry instruments only).</summary>
public sealed record Example(
    string Id,
    string Source,
    string? Genre,
    IReadOnlyList<string> Moods,
    IReadOnlyList<string> Instruments,
    float[] FeatureVector,
    TrackFacts Facts)
{
    public float[] Input { get; } = ModelFeatures.From(FeatureVector);
}

/// <summary>
/// The engine's output for one file, cached next to it as &lt;file&gt;.features-v&lt;schema&gt;-&lt;engine build&gt;.json so retraining
/// does not re-analyse, and features of two schema versions or two engine builds can sit side by side while a new one is
/// compared with the old.
/// </summary>
public sealed record CachedFeatures(int SchemaVersion, float[] FeatureVector, TrackFacts Facts);

public static class FeatureCache
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly AudioAnalyzer Analyzer = new(new AnalyzerOptions { IncludeSpectrogram = false, WaveformPoints = 16 });

    /// <summary>
    /// The engine assembly's module version id: the schema version alone let a changed key or tempo estimator (same
    /// layout, other values) reuse features of the old engine, and models trained on them saw other inputs at run time.
    /// Any rebuild of changed engine code (or of the same code in another folder) gets a new id, so the cost of a false
    /// miss is one re-analysis, never stale data. Engine.csproj keeps the commit id out of the assembly for this.
    /// </summary>
    public static string EngineBuild { get; } = typeof(AudioAnalyzer).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..8];

    public static string PathFor(string audioFile) => Path.ChangeExtension(audioFile, null) + $".features-v{FeatureVector.SchemaVersion}-{EngineBuild}.json";

    public static async Task<CachedFeatures> GetAsync(string audioFile, CancellationToken cancellationToken = default)
    {
        var path = PathFor(audioFile);
        if (File.Exists(path))
        {
            var cached = JsonSerializer.Deserialize<CachedFeatures>(await File.ReadAllTextAsync(path, cancellationToken), Json);
            if (cached is not null && cached.SchemaVersion == FeatureVector.SchemaVersion) return cached;
        }
        var analysis = await Analyzer.AnalyzeAsync(audioFile, ct: cancellationToken);
        var features = new CachedFeatures(FeatureVector.SchemaVersion, analysis.FeatureVector, TrackFactsFromAnalysis.From(analysis));
        var work = path + "." + Guid.NewGuid().ToString("N")[..8];
        await File.WriteAllTextAsync(work, JsonSerializer.Serialize(features, Json), cancellationToken);
        File.Move(work, path, overwrite: true);
        return features;
    }

    /// <summary>Analyses (or reads the cache of) many files, <paramref name="parallelism"/> at a time, keeping their order.</summary>
    public static async Task<CachedFeatures[]> GetAllAsync(IReadOnlyList<string> files, int parallelism, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var results = new CachedFeatures[files.Count];
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, files.Count), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                results[i] = await GetAsync(files[i], ct);
                progress?.Report(Interlocked.Increment(ref done));
            });
        return results;
    }
}
