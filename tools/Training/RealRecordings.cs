using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace AudioPlatform.Training;

/// <summary>A real recording (or a sequence of real one-shots) with the one instrument it holds.</summary>
public sealed record RealRecording(string Id, string Source, string Instrument, string File)
{
    /// <summary>
    /// The recordings that share a maker or a sound and so must stay on one side of the split. Hydrogen kits by one maker
    /// (their copyright holders in /usr/share/doc/hydrogen-drumkits/copyright) are one source: Artemio's ElectricEmpire,
    /// HardElectro1 and VariBreaks, Emillo's three Millo kits, Glen MacArthur's Gimme A Hand and The Black Pearl. In
    /// supersonic-scsynth-samples: Arovane's five beats, the four guitar phrases (one guitar), the four pads, the two amen
    /// loops (one break, cut twice), the two voxy basses; every other sample is a recording of its own.
    /// </summary>
    public string Group => Id switch
    {
        "hydrogen-electricempirekit" or "hydrogen-hardelectro1" or "hydrogen-varibreaks" => "hydrogen-artemio",
        _ when Id.StartsWith("hydrogen-millo", StringComparison.Ordinal) => "hydrogen-emillo",
        "hydrogen-gimme-a-hand-1-0" or "hydrogen-the-black-pearl-1-0" => "hydrogen-glen-macarthur",
        _ when Id.StartsWith("supersonic-arovane_beat_", StringComparison.Ordinal) => "supersonic-arovane",
        _ when Id.StartsWith("supersonic-guit_", StringComparison.Ordinal) => "supersonic-guit",
        _ when Id.StartsWith("supersonic-tbd_pad_", StringComparison.Ordinal) => "supersonic-tbd_pad",
        _ when Id.StartsWith("supersonic-loop_amen", StringComparison.Ordinal) => "supersonic-loop_amen",
        _ when Id.StartsWith("supersonic-bass_voxy", StringComparison.Ordinal) => "supersonic-bass_voxy",
        _ => Id,
    };
}

/// <summary>
/// Real recordings for the instrument held-out test, assembled into 12-second clips:
/// <list type="bullet">
/// <item>Debian <c>hydrogen-drumkits</c> (/usr/share/hydrogen/data/drumkits): each kit's kick, snare and hi-hat hits
/// sequenced into a rock beat (drums); the hand-percussion kits (djembes, claps) into a percussion pattern;</item>
/// <item>npm <c>supersonic-scsynth-samples</c> 0.84.2 (CC0; unpacked into the cache): drum loops (drums), bass
/// one-shots repeated as a bass line (bass), guitar phrases (guitar), tabla loop and hits (percussion), pads (synth),
/// the piano phrase (piano).</item>
/// </list>
/// Audio is written to the cache folder only; nothing of it is committed.
/// </summary>
public static partial class RealRecordings
{
    public const string HydrogenKits = "/usr/share/hydrogen/data/drumkits";
    private const int Rate = 44100;
    private const double Seconds = 12;

    private static readonly (string Pattern, string Instrument)[] SupersonicLabels =
    [
        (@"^loop_(amen|amen_full|breakbeat|industrial)$", "drums"),
        (@"^arovane_beat_[a-e]$", "drums"),
        (@"^bass_.*$", "bass"),
        (@"^guit_.*$", "guitar"),
        (@"^loop_tabla$", "percussion"),
        (@"^tbd_pad_\d$", "synth"),
        (@"^ambi_piano$", "piano"),
    ];

    /// <summary>
    /// Splits by source, never by clip: per instrument (in name order) the sources not yet placed go, in name order, to
    /// the test, the training, the test, ... so an instrument with one source (guitar, synth, piano) stays test-only, and
    /// a maker whose kits hold two instruments is placed once. The rule reads names only, never how a model scores a clip.
    /// </summary>
    public static (IReadOnlyList<RealRecording> Train, IReadOnlyList<RealRecording> Test) SplitBySource(IReadOnlyList<RealRecording> recordings)
    {
        var inTraining = new Dictionary<string, bool>();
        foreach (var byInstrument in recordings.GroupBy(r => r.Instrument).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var unplaced = byInstrument.Select(r => r.Group).Distinct().Where(g => !inTraining.ContainsKey(g)).Order(StringComparer.Ordinal).ToList();
            for (var i = 0; i < unplaced.Count; i++) inTraining[unplaced[i]] = i % 2 == 1;
        }
        return (recordings.Where(r => inTraining[r.Group]).ToList(), recordings.Where(r => !inTraining[r.Group]).ToList());
    }

    /// <summary>Builds (or reuses) every clip into <paramref name="directory"/>; sources that are not installed are skipped.</summary>
    public static async Task<IReadOnlyList<RealRecording>> CreateAsync(string directory, string? supersonicSamples, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var recordings = new List<RealRecording>();
        if (Directory.Exists(HydrogenKits))
        {
            foreach (var kit in Directory.EnumerateDirectories(HydrogenKits).Order(StringComparer.Ordinal))
            {
                var clip = await HydrogenClipAsync(kit, directory, cancellationToken);
                if (clip is not null) recordings.Add(clip);
            }
        }
        if (supersonicSamples is not null && Directory.Exists(supersonicSamples))
        {
            foreach (var file in Directory.EnumerateFiles(supersonicSamples, "*.flac").Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileNameWithoutExtension(file);
                var instrument = SupersonicLabels.FirstOrDefault(l => Regex.IsMatch(name, l.Pattern)).Instrument;
                if (instrument is null) continue;
                var target = Path.Combine(directory, $"supersonic-{name}.wav");
                if (!File.Exists(target))
                {
                    var sample = await DecodeAsync(file, cancellationToken);
                    // Loops and long phrases repeat back to back; one-shots (under 2 s) repeat every half note at 120 BPM.
                    var spacing = sample.Length > 2 * Rate ? sample.Length : Rate;
                    var mix = new float[(int)(Seconds * Rate)];
                    for (var at = 0; at < mix.Length; at += spacing) Add(mix, sample, at, 0.8f);
                    WavFile.Write(target, mix, Rate);
                }
                recordings.Add(new RealRecording($"supersonic-{name}", "supersonic-scsynth-samples", instrument, target));
            }
        }
        return recordings;
    }

    private static async Task<RealRecording?> HydrogenClipAsync(string kit, string directory, CancellationToken cancellationToken)
    {
        var xmlPath = Path.Combine(kit, "drumkit.xml");
        if (!File.Exists(xmlPath)) return null;
        var kitName = Path.GetFileName(kit);
        var instruments = XDocument.Load(xmlPath).Descendants().Where(e => e.Name.LocalName == "instrument")
            .Select(e => (Name: Child(e, "name") ?? "", File: e.Descendants().FirstOrDefault(d => d.Name.LocalName == "filename")?.Value))
            .Where(i => i.File is not null && File.Exists(Path.Combine(kit, i.File)))
            .ToList();
        if (instruments.Count == 0) return null;

        var isHandPercussion = Regex.IsMatch(kitName, "afrique|hand", RegexOptions.IgnoreCase);
        var target = Path.Combine(directory, $"hydrogen-{Slug(kitName)}.wav");
        var id = $"hydrogen-{Slug(kitName)}";
        var instrument = isHandPercussion ? "percussion" : "drums";
        if (File.Exists(target)) return new RealRecording(id, "hydrogen-drumkits", instrument, target);

        string? Find(string pattern) => instruments.FirstOrDefault(i => Regex.IsMatch(i.Name, pattern, RegexOptions.IgnoreCase)).File;
        var stepSamples = (int)(Rate * 60.0 / 100 / 4);
        var mix = new float[(int)(Seconds * Rate)];
        var bars = mix.Length / (16 * stepSamples) + 1;
        if (isHandPercussion)
        {
            // Four of the kit's sounds in a 16-step pattern (djembe-like: bass, tone, slap).
            var sounds = new List<float[]>();
            foreach (var i in instruments.Take(4)) sounds.Add(await DecodeAsync(Path.Combine(kit, i.File!), cancellationToken));
            int[][] steps = [[0, 6, 10], [3, 8, 14], [4, 12], [2, 7, 11, 15]];
            for (var bar = 0; bar < bars; bar++)
                for (var s = 0; s < sounds.Count; s++)
                    foreach (var step in steps[s]) Add(mix, sounds[s], (bar * 16 + step) * stepSamples, 0.7f);
        }
        else
        {
            var kick = Find(@"kick|bd|bass ?drum");
            var snare = Find(@"snare|sd\b");
            var hat = Find(@"hat|hh");
            if (kick is null || snare is null || hat is null) return null;
            var k = await DecodeAsync(Path.Combine(kit, kick), cancellationToken);
            var s = await DecodeAsync(Path.Combine(kit, snare), cancellationToken);
            var h = await DecodeAsync(Path.Combine(kit, hat), cancellationToken);
            for (var bar = 0; bar < bars; bar++)
            {
                var start = bar * 16 * stepSamples;
                foreach (var step in new[] { 0, 8, 10 }) Add(mix, k, start + step * stepSamples, 0.8f);
                foreach (var step in new[] { 4, 12 }) Add(mix, s, start + step * stepSamples, 0.7f);
                for (var step = 0; step < 16; step += 2) Add(mix, h, start + step * stepSamples, 0.4f);
            }
        }
        WavFile.Write(target, mix, Rate);
        return new RealRecording(id, "hydrogen-drumkits", instrument, target);
    }

    private static string? Child(XElement e, string name) => e.Elements().FirstOrDefault(c => c.Name.LocalName == name)?.Value;

    private static string Slug(string name) => SlugPattern().Replace(name.ToLowerInvariant(), "-").Trim('-');

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex SlugPattern();

    private static void Add(float[] mix, float[] sample, int at, float gain)
    {
        for (var i = 0; i < sample.Length && at + i < mix.Length; i++)
            if (at + i >= 0) mix[at + i] += gain * sample[i];
    }

    /// <summary>Any format ffmpeg reads, as mono float at 44.1 kHz.</summary>
    private static async Task<float[]> DecodeAsync(string file, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-hide_banner", "-loglevel", "error", "-i", file, "-ac", "1", "-ar", Rate.ToString(), "-f", "f32le", "-" })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        using var buffer = new MemoryStream();
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.BaseStream.CopyToAsync(buffer, cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0) throw new InvalidOperationException($"ffmpeg could not decode {file}: {await error}");
        var bytes = buffer.ToArray();
        var samples = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, samples, 0, samples.Length * 4);
        return samples;
    }
}
