using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AudioPlatform.Benchmark;

/// <summary>
/// What ffmpeg's ebur128 filter and ffprobe say about a file, cached next to it as &lt;file&gt;.ref.v2.json.
/// <see cref="DurationSeconds"/> counts the samples ffprobe decodes (gapless: MP3 encoder delay and padding removed, as
/// the engine does); <see cref="DeclaredDurationSeconds"/> is the container's figure, which for MP3 includes them.
/// </summary>
public sealed record Reference(double IntegratedLufs, double DurationSeconds, double DeclaredDurationSeconds);

public static partial class ReferenceTools
{
    public static async Task<Reference> MeasureAsync(string file, CancellationToken ct = default)
    {
        var cache = file + ".ref.v2.json";
        if (File.Exists(cache) && File.GetLastWriteTimeUtc(cache) >= File.GetLastWriteTimeUtc(file))
            return JsonSerializer.Deserialize<Reference>(await File.ReadAllTextAsync(cache, ct))!;

        var ebur = await RunAsync("ffmpeg", ["-hide_banner", "-nostats", "-i", file, "-af", "ebur128=framelog=verbose", "-f", "null", "-"], ct);
        var matches = IntegratedPattern().Matches(ebur);
        if (matches.Count == 0) throw new InvalidOperationException($"ebur128 printed no integrated loudness for {file}");
        var lufs = double.Parse(matches[^1].Groups[1].Value, CultureInfo.InvariantCulture);

        var declared = await RunAsync("ffprobe", ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", file], ct);
        var rate = await RunAsync("ffprobe", ["-v", "error", "-select_streams", "a:0", "-show_entries", "stream=sample_rate", "-of", "csv=p=0", file], ct);
        var frames = await RunAsync("ffprobe", ["-v", "error", "-select_streams", "a:0", "-show_entries", "frame=nb_samples", "-of", "csv=p=0", file], ct);
        var samples = frames.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Sum(n => long.Parse(n, CultureInfo.InvariantCulture));
        var reference = new Reference(lufs, samples / double.Parse(rate.Trim(), CultureInfo.InvariantCulture),
            double.Parse(declared.Trim(), CultureInfo.InvariantCulture));
        await File.WriteAllTextAsync(cache, JsonSerializer.Serialize(reference), ct);
        return reference;
    }

    /// <summary>Loops <paramref name="source"/> into a 100 MB, 128 kbit/s MP3 at <paramref name="path"/> (cached).</summary>
    public static async Task<string> LargeMp3Async(string source, string path, CancellationToken ct = default)
    {
        if (File.Exists(path))
            return path;
        var partial = path + ".partial.mp3";
        await RunAsync("ffmpeg", ["-v", "error", "-y", "-stream_loop", "-1", "-i", source, "-t", "6300", "-c:a", "libmp3lame", "-b:a", "128k", partial], ct);
        File.Move(partial, path, overwrite: true);
        return path;
    }

    private static async Task<string> RunAsync(string executable, string[] arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return await stdout + await stderr;
    }

    [GeneratedRegex(@"^\s*I:\s+(-?[0-9.]+) LUFS", RegexOptions.Multiline)]
    private static partial Regex IntegratedPattern();
}
