using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace AudioPlatform.Engine.Decoding;

/// <summary>Reads container facts and tags with ffprobe (JSON output), bounded in time.</summary>
public static class AudioProbe
{
    /// <summary>Probes the first audio stream of <paramref name="path"/>.</summary>
    /// <exception cref="AudioDecodeException">Missing, empty or non-audio input, a WAV whose header lies about its length, or ffprobe failure.</exception>
    public static async Task<AudioProbeInfo> ProbeAsync(string path, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        InputChecks.EnsureReadable(path);
        // ffprobe accepts a WAV with no samples or cut off in its data; the header says so before any decoder runs.
        InputChecks.CheckWavHeader(path);
        var ffprobe = FfmpegTools.Ffprobe
            ?? throw new AudioDecodeException(AudioDecodeError.UnsupportedFormat, "ffprobe is not installed; use ManagedDecoders.Probe instead.");

        var psi = new ProcessStartInfo(ffprobe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-v", "warning", "-print_format", "json", "-show_format", "-show_streams", "-select_streams", "a:0", "--", path })
            psi.ArgumentList.Add(arg);

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(30));
        using var process = Process.Start(psi) ?? throw new AudioDecodeException(AudioDecodeError.DecoderFailed, "ffprobe could not be started.");
        var stdoutTask = process.StandardOutput.ReadToEndAsync(cts.Token);
        var stderrTask = process.StandardError.ReadToEndAsync(cts.Token);
        string stdout, stderr;
        try
        {
            await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            stdout = await stdoutTask.ConfigureAwait(false);
            stderr = await stderrTask.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            TryKill(process);
            ct.ThrowIfCancellationRequested();
            throw new AudioDecodeException(AudioDecodeError.Timeout, "Reading the file's header took too long; the probe was stopped.");
        }

        return Parse(stdout, stderr, process.ExitCode);
    }

    internal static AudioProbeInfo Parse(string json, string stderr, int exitCode)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        }
        catch (JsonException e)
        {
            throw new AudioDecodeException(AudioDecodeError.DecoderFailed, "ffprobe returned unreadable output.", e);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (!root.TryGetProperty("format", out var format))
                throw new AudioDecodeException(AudioDecodeError.NotAudio,
                    "This file is not in any audio format we recognise." + Detail(stderr, exitCode));

            if (!root.TryGetProperty("streams", out var streams) || streams.GetArrayLength() == 0)
                throw new AudioDecodeException(AudioDecodeError.NotAudio, "This file contains no audio stream.");

            var stream = streams[0];
            var sampleRate = ParseInt(Str(stream, "sample_rate")) ?? 0;
            var channels = stream.TryGetProperty("channels", out var ch) && ch.ValueKind == JsonValueKind.Number ? ch.GetInt32() : 0;
            var codec = Str(stream, "codec_name") ?? "unknown";
            if (sampleRate <= 0 || channels <= 0)
                throw new AudioDecodeException(AudioDecodeError.CorruptData,
                    $"The file looks like {codec} but no valid audio frame was found in it (damaged or not really audio).");

            var duration = ParseDouble(Str(stream, "duration")) ?? ParseDouble(Str(format, "duration"));
            var bitRate = ParseLong(Str(stream, "bit_rate")) ?? ParseLong(Str(format, "bit_rate"));
            var container = Str(format, "format_name") ?? "unknown";

            var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            CollectTags(format, tags);
            CollectTags(stream, tags);
            return new AudioProbeInfo(container, codec, sampleRate, channels, bitRate, duration, new AudioTags(
                Tag(tags, "title"), Tag(tags, "artist"), Tag(tags, "album"), Tag(tags, "genre"),
                Tag(tags, "TBPM", "bpm", "tempo"), Tag(tags, "TKEY", "initialkey", "key", "initial_key")),
                DurationEstimated: duration is null || stderr.Contains("Estimating duration from bitrate", StringComparison.Ordinal));
        }
    }

    private static void CollectTags(JsonElement element, Dictionary<string, string> into)
    {
        if (!element.TryGetProperty("tags", out var tags) || tags.ValueKind != JsonValueKind.Object)
            return;
        foreach (var p in tags.EnumerateObject())
            if (p.Value.ValueKind == JsonValueKind.String)
                into.TryAdd(p.Name, p.Value.GetString()!);
    }

    private static string? Tag(Dictionary<string, string> tags, params string[] names)
    {
        foreach (var n in names)
            if (tags.TryGetValue(n, out var v) && !string.IsNullOrWhiteSpace(v))
                return v.Trim();
        return null;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;

    private static int? ParseInt(string? s) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
    private static long? ParseLong(string? s) => long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
    private static double? ParseDouble(string? s) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v >= 0 ? v : null;

    private static string Detail(string stderr, int exitCode)
    {
        var line = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return line is null ? string.Empty : $" (decoder said: {line}; exit {exitCode})";
    }

    internal static void TryKill(Process process)
    {
        try
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
