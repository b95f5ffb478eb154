using System.Diagnostics;
using System.Text.Json;
using AudioPlatform.Engine.Decoding;

namespace AudioPlatform.Engine.Fingerprinting;

/// <summary>
/// A Chromaprint fingerprint of the first two minutes (the AcoustID algorithm, from Chromaprint's own <c>fpcalc</c>):
/// about eight 32-bit sub-fingerprints a second that stay nearly equal across encodings of the same recording.
/// </summary>
public sealed record AudioFingerprint(uint[] Points, double DurationSeconds)
{
    /// <summary>fpcalc from AUDIOPLATFORM_FPCALC (empty: none) or the PATH; null when it is not installed.</summary>
    public static string? Fpcalc => FpcalcPath.Value;

    private static readonly Lazy<string?> FpcalcPath = new(() => FfmpegTools.Locate("fpcalc", "AUDIOPLATFORM_FPCALC"));

    /// <summary>
    /// The fingerprint of the audio at <paramref name="path"/>, or null when fpcalc is missing, fails or finds no audio:
    /// a fingerprint only finds duplicates, so a track without one is still analysed.
    /// </summary>
    public static async Task<AudioFingerprint?> ComputeAsync(string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (Fpcalc is not { } fpcalc) return null;
        var start = new ProcessStartInfo(fpcalc) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-raw", "-json", "-length", "120", path }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start);
        if (process is null) return null;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
            _ = process.StandardError.ReadToEndAsync(deadline.Token);
            await process.WaitForExitAsync(deadline.Token);
            // fpcalc 1.5 with FFmpeg 5 (Debian 12) exits with 3 after "Error decoding audio frame (End of file)" at the
            // end of every file, having printed the whole fingerprint: the output decides, not the exit code.
            var text = await output;
            if (string.IsNullOrWhiteSpace(text)) return null;
            using var json = JsonDocument.Parse(text);
            var points = json.RootElement.GetProperty("fingerprint").EnumerateArray().Select(p => unchecked((uint)p.GetInt64())).ToArray();
            return points.Length == 0 ? null : new AudioFingerprint(points, json.RootElement.GetProperty("duration").GetDouble());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            return null;
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
