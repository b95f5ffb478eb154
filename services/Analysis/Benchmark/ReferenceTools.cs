using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AudioPlatform.Analysis.Benchmark;

/// <summary>What ffmpeg's ebur128 filter and ffprobe say about a file, cached next to it as &lt;file&gt;.ref.json.</summary>
public sealed record Reference(double IntegratedLufs, double DurationSeconds);

public static partial class ReferenceTools
{
    public static async Task<Reference> MeasureAsync(string file, CancellationToken ct = default)
    {
        var cache = file + ".ref.json";
        if (File.Exists(cache) && File.GetLastWriteTimeUtc(cache) >= File.GetLastWriteTimeUtc(file))
            return JsonSerializer.Deserialize<Reference>(await File.ReadAllTextAsync(cache, ct))!;

        var ebur = await RunAsync("ffmpeg", ["-hide_banner", "-nostats", "-i", file, "-af", "ebur128=framelog=verbose", "-f", "null", "-"], ct);
        var matches = IntegratedPattern().Matches(ebur);
        if (matches.Count == 0) throw new InvalidOperationException($"ebur128 printed no integrated loudness for {file}");
        var lufs = double.Parse(matches[^1].Groups[1].Value, CultureInfo.InvariantCulture);

        var probe = await RunAsync("ffprobe", ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", file], ct);
        var duration = double.Parse(probe.Trim(), CultureInfo.InvariantCulture);
        var reference = new Reference(lufs, duration);
        await File.WriteAllTextAsync(cache, JsonSerializer.Serialize(reference), ct);
        return reference;
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
