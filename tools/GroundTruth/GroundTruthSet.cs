using System.Text.Json;
using AudioPlatform.Engine.Tonal;
using AudioPlatform.GroundTruth.Composition;
using AudioPlatform.GroundTruth.Rendering;

namespace AudioPlatform.GroundTruth;

/// <summary>The known facts about one generated file, written next to it as &lt;id&gt;.json.</summary>
public sealed record GroundTruthTrack(
    string Id,
    string File,
    string Format,
    double Bpm,
    string Key,
    int Tonic,
    string Mode,
    string Camelot,
    string Meter,
    double DurationSeconds,
    int Seed,
    string Style,
    string SoundFont,
    string Drums,
    string Bass,
    string Comp,
    string Progression,
    int ChordProgram,
    int BassProgram,
    int MelodyProgram,
    int GeneratorVersion)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public MusicalKey MusicalKey => new(Tonic, Mode == "minor" ? KeyMode.Minor : KeyMode.Major);

    public static GroundTruthTrack From(PieceSpec spec, string file, AudioFormat format) => new(
        spec.Id, file, AudioEncoder.Extension(format), spec.Bpm, spec.Key.Name, spec.Key.Tonic,
        spec.Key.Mode == KeyMode.Minor ? "minor" : "major", spec.Key.Camelot, spec.Meter.ToString(), spec.DurationSeconds,
        spec.Seed, spec.Style, Path.GetFileName(spec.SoundFont), spec.Drums.Name, spec.Bass.Name, spec.Comp.Name,
        string.Join('-', spec.Progression.Select(c => c.Numeral)), spec.Instruments.Chords, spec.Instruments.Bass,
        spec.Instruments.Melody, GroundTruthSet.GeneratorVersion);
}

/// <summary>Options for a set: how many pieces, the seed, how long each is, which formats to rotate through.</summary>
public sealed record GroundTruthOptions(int Count, int Seed = 1, double TargetSeconds = 30, IReadOnlyList<AudioFormat>? Formats = null, int Parallelism = 0);

/// <summary>
/// Generates a balanced ground-truth set into a folder: keys cycle through all 24 and metres through all four (each
/// in a shuffled order), tempo is drawn per piece, formats rotate. Files are cached by id: a piece whose audio file
/// and sidecar (same generator version) exist is not rendered again, so a set is made once per seed.
/// </summary>
public sealed class GroundTruthSet(FluidSynthRenderer? renderer = null, AudioEncoder? encoder = null, StyleTemplate? style = null)
{
    /// <summary>Bump when the composer changes what it writes, so cached sets are regenerated.</summary>
    public const int GeneratorVersion = 2;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = false };

    private readonly FluidSynthRenderer _renderer = renderer ?? new FluidSynthRenderer();
    private readonly AudioEncoder _encoder = encoder ?? new AudioEncoder();
    private readonly StyleTemplate _style = style ?? new GenericStyle();

    public bool ToolsAvailable => _renderer.IsAvailable && _encoder.IsAvailable;

    /// <summary>The specs of a set, without rendering anything.</summary>
    public IReadOnlyList<(PieceSpec Spec, AudioFormat Format)> Plan(GroundTruthOptions options)
    {
        var soundFonts = FluidSynthRenderer.InstalledSoundFonts();
        if (soundFonts.Count == 0) soundFonts = FluidSynthRenderer.DebianSoundFonts;
        var random = new Random(options.Seed);
        var keys = Enumerable.Range(0, 24).Select(k => new MusicalKey(k % 12, k < 12 ? KeyMode.Major : KeyMode.Minor)).ToArray();
        var meters = _style.Meters.ToArray();
        var formats = (options.Formats ?? AudioEncoder.AllFormats).ToArray();
        var keyOrder = Shuffled(random, keys);
        var meterOrder = Shuffled(random, meters);
        var plan = new List<(PieceSpec, AudioFormat)>(options.Count);
        for (var i = 0; i < options.Count; i++)
        {
            if (i > 0 && i % keys.Length == 0) keyOrder = Shuffled(random, keys);
            if (i > 0 && i % meters.Length == 0) meterOrder = Shuffled(random, meters);
            var seed = unchecked(options.Seed * 100_003 + i);
            var request = new PieceRequest(seed, keyOrder[i % keys.Length], meterOrder[i % meters.Length], TargetSeconds: options.TargetSeconds,
                Id: $"{_style.Name}-s{options.Seed}-{i:D4}", SoundFont: soundFonts[i % soundFonts.Count]);
            plan.Add((_style.Design(request, soundFonts), formats[i % formats.Length]));
        }
        return plan;
    }

    /// <summary>Renders (or reuses) every piece of the set into <paramref name="directory"/> and returns the ground truth.</summary>
    public async Task<IReadOnlyList<GroundTruthTrack>> CreateAsync(string directory, GroundTruthOptions options, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        var plan = Plan(options);
        var results = new GroundTruthTrack[plan.Count];
        var done = 0;
        var parallelism = options.Parallelism > 0 ? options.Parallelism : Environment.ProcessorCount;
        await Parallel.ForEachAsync(Enumerable.Range(0, plan.Count), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                results[index] = await CreateOneAsync(directory, plan[index].Spec, plan[index].Format, token);
                progress?.Report(Interlocked.Increment(ref done));
            });
        await File.WriteAllLinesAsync(Path.Combine(directory, "manifest.jsonl"), results.Select(r => JsonSerializer.Serialize(r, Json)), cancellationToken);
        return results;
    }

    public async Task<GroundTruthTrack> CreateOneAsync(string directory, PieceSpec spec, AudioFormat format, CancellationToken cancellationToken = default)
    {
        var files = new PieceFiles(directory, spec.Id, format);
        var track = GroundTruthTrack.From(spec, files.AudioPath, format);
        if (File.Exists(files.AudioPath) && File.Exists(files.SidecarPath))
        {
            var cached = JsonSerializer.Deserialize<GroundTruthTrack>(await File.ReadAllTextAsync(files.SidecarPath, cancellationToken), Json);
            if (cached == track) return cached;
        }

        await files.WriteAsync(async work =>
        {
            _style.Compose(spec).Save(work.Midi);
            await _renderer.RenderAsync(work.Midi, work.Wav, spec.SoundFont, cancellationToken);
            await _encoder.EncodeAsync(work.Wav, work.Audio, format, cancellationToken);
        }, JsonSerializer.Serialize(track, Json), keepMidiAt: Path.Combine(directory, $"{spec.Id}.mid"), cancellationToken);
        return track;
    }

    public static IReadOnlyList<GroundTruthTrack> LoadManifest(string directory) =>
        File.ReadAllLines(Path.Combine(directory, "manifest.jsonl"))
            .Where(l => l.Length > 0)
            .Select(l => JsonSerializer.Deserialize<GroundTruthTrack>(l, Json)!)
            .ToList();

    private static T[] Shuffled<T>(Random random, T[] items)
    {
        var copy = (T[])items.Clone();
        random.Shuffle(copy);
        return copy;
    }
}
