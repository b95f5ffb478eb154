using System.Globalization;
using System.Text.Json;
using AudioPlatform.GroundTruth.Rendering;

namespace AudioPlatform.GroundTruth.Genres;

/// <summary>One rendered genre piece and its labels, written next to the audio as &lt;id&gt;.json.</summary>
public sealed record GenreTrack(
    string Id,
    string File,
    string SoundFont,
    string Genre,
    IReadOnlyList<string> Moods,
    IReadOnlyList<string> Instruments,
    double Bpm,
    string Key,
    string Meter,
    double Intensity,
    int Seed,
    int GeneratorVersion)
{
    public static GenreTrack From(GenrePiece piece, string file) => new(
        piece.Spec.Id, file, Path.GetFileName(piece.Spec.SoundFont), piece.Labels.Genre, piece.Labels.Moods, piece.Labels.Instruments,
        piece.Spec.Bpm, piece.Spec.Key.Name, piece.Spec.Meter.ToString(), piece.Arrangement.Intensity, piece.Spec.Seed, GenreSet.GeneratorVersion);

    // Records compare lists by reference; the cache check needs their contents.
    public bool SameAs(GenreTrack other) =>
        this with { Moods = [], Instruments = [] } == other with { Moods = [], Instruments = [] }
        && Moods.SequenceEqual(other.Moods) && Instruments.SequenceEqual(other.Instruments);
}

/// <summary>What a labelled set is: pieces per genre, seed, soundfont, length, and how many render at once.</summary>
public sealed record GenreSetOptions(int PiecesPerGenre, int Seed, string SoundFont, double TargetSeconds = 20, int Parallelism = 0, IReadOnlyList<string>? Genres = null);

/// <summary>
/// Plans, renders and caches a labelled set of genre pieces through one soundfont. After fluidsynth, ffmpeg applies the
/// piece's production (high and low pass, master gain into a limiter, pink noise) and encodes to MP3, Ogg Vorbis or
/// FLAC in turn, so the models also see codec artefacts. A piece whose audio and sidecar (same generator version) exist
/// is reused.
/// </summary>
public sealed class GenreSet(string fluidsynth = "fluidsynth", string ffmpeg = "ffmpeg")
{
    /// <summary>Bump when a style, the composer or the production changes, so cached sets are rendered again.</summary>
    public const int GeneratorVersion = 1;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private static readonly AudioFormat[] Formats = [AudioFormat.Mp3, AudioFormat.Ogg, AudioFormat.Flac];

    public bool ToolsAvailable => ExternalTool.IsAvailable(fluidsynth) && ExternalTool.IsAvailable(ffmpeg);

    /// <summary>The pieces of a set, genres interleaved, without rendering anything.</summary>
    public static IReadOnlyList<GenrePiece> Plan(GenreSetOptions options)
    {
        var styles = GenreStyle.All.Where(s => options.Genres is null || options.Genres.Contains(s.Name)).ToList();
        var fontTag = Path.GetFileNameWithoutExtension(options.SoundFont).ToLowerInvariant();
        var plan = new List<GenrePiece>(styles.Count * options.PiecesPerGenre);
        for (var i = 0; i < options.PiecesPerGenre; i++)
            for (var g = 0; g < styles.Count; g++)
            {
                var seed = unchecked(options.Seed * 1_000_003 + g * 10_007 + i);
                var request = new Composition.PieceRequest(seed, TargetSeconds: options.TargetSeconds, SoundFont: options.SoundFont,
                    Id: $"{styles[g].Name}-s{options.Seed}-{i:D4}-{fontTag}");
                plan.Add(styles[g].DesignPiece(request, [options.SoundFont]));
            }
        return plan;
    }

    public async Task<IReadOnlyList<GenreTrack>> CreateAsync(string directory, GenreSetOptions options, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        var plan = Plan(options);
        var results = new GenreTrack[plan.Count];
        var done = 0;
        var parallelism = options.Parallelism > 0 ? options.Parallelism : Environment.ProcessorCount;
        await Parallel.ForEachAsync(Enumerable.Range(0, plan.Count), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                results[index] = await CreateOneAsync(directory, plan[index], Formats[index % Formats.Length], token);
                progress?.Report(Interlocked.Increment(ref done));
            });
        return results;
    }

    public async Task<GenreTrack> CreateOneAsync(string directory, GenrePiece piece, AudioFormat format, CancellationToken cancellationToken = default)
    {
        var files = new PieceFiles(directory, piece.Spec.Id, format);
        var track = GenreTrack.From(piece, files.AudioPath);
        if (File.Exists(files.AudioPath) && File.Exists(files.SidecarPath))
        {
            var cached = JsonSerializer.Deserialize<GenreTrack>(await File.ReadAllTextAsync(files.SidecarPath, cancellationToken), Json);
            if (cached is not null && cached.SameAs(track)) return cached;
        }

        await files.WriteAsync(async work =>
        {
            GenreComposer.Compose(piece).Save(work.Midi);
            // Dynamic sample loading reads only the samples a piece plays: FluidR3 is 148 MB and loading it whole dominated the render.
            await ExternalTool.RunAsync(fluidsynth, ["-ni", "-q", "-o", "synth.dynamic-sample-loading=1", "-F", work.Wav, "-r", "44100", "-g", "0.8", piece.Spec.SoundFont, work.Midi],
                TimeSpan.FromMinutes(2), cancellationToken);
            await ExternalTool.RunAsync(ffmpeg, ["-hide_banner", "-loglevel", "error", "-y", "-i", work.Wav,
                "-filter_complex", ProductionFilter(piece.Production, piece.Spec.Seed), .. Codec(format), work.Audio], TimeSpan.FromMinutes(2), cancellationToken);
        }, JsonSerializer.Serialize(track, Json), keepMidiAt: null, cancellationToken);
        return track;
    }

    public static IReadOnlyList<GenreTrack> Load(string directory) =>
        Directory.EnumerateFiles(directory, "*.json")
            .Where(f => !Path.GetFileName(f).Contains(".features", StringComparison.Ordinal))
            .Select(f => JsonSerializer.Deserialize<GenreTrack>(File.ReadAllText(f), Json)!)
            .Where(t => t.GeneratorVersion == GeneratorVersion && File.Exists(t.File))
            .OrderBy(t => t.Id, StringComparer.Ordinal)
            .ToList();

    /// <summary>High pass, low pass, master gain into a brick-wall limiter, then pink noise at the piece's level.</summary>
    internal static string ProductionFilter(Production p, int seed)
    {
        static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
        var noiseAmplitude = Math.Pow(10, p.NoiseDbfs / 20);
        var lowpass = p.LowpassHz < 20_000 ? $",lowpass=f={F(p.LowpassHz)}" : "";
        return $"[0:a]highpass=f={F(p.HighpassHz)}{lowpass},volume={F(p.MasterGainDb)}dB,alimiter=limit=0.95:level=0[m];" +
               $"anoisesrc=color=pink:amplitude={F(noiseAmplitude)}:seed={seed & 0x7FFFFFFF}:r=44100,aformat=channel_layouts=stereo[n];" +
               "[m][n]amix=inputs=2:duration=first:normalize=0";
    }

    private static string[] Codec(AudioFormat format) => format switch
    {
        AudioFormat.Mp3 => ["-c:a", "libmp3lame", "-b:a", "192k"],
        AudioFormat.Ogg => ["-c:a", "libvorbis", "-q:a", "5"],
        _ => ["-c:a", "flac"],
    };
}
