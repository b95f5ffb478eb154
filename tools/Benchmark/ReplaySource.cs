using System.Diagnostics;
using AudioPlatform.Engine.Framing;

namespace AudioPlatform.Benchmark;

/// <summary>Feeds one file through the engine's STFT pipeline (decoded by ffmpeg to mono at the analysis rate).</summary>
public static class ReplaySource
{
    /// <summary>ffmpeg's arguments to decode a file to mono 32-bit float samples at the analysis rate, into <paramref name="output"/> ("-" for a pipe).</summary>
    public static string[] DecodeArguments(string file, string output) =>
        ["-hide_banner", "-loglevel", "error", "-y", "-i", file, "-af", "pan=mono|c0=0.5*c0+0.5*c1", "-ar",
         FrameSettings.SampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture), "-f", "f32le", output];

    public static async Task FeedAsync(string file, IFrameConsumer consumer)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in DecodeArguments(file, "-")) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var pipeline = new StftPipeline();
        pipeline.Add(consumer);
        var bytes = new byte[65536];
        var samples = new float[bytes.Length / 4];
        var stream = process.StandardOutput.BaseStream;
        var pending = 0;
        int read;
        while ((read = await stream.ReadAsync(bytes.AsMemory(pending))) > 0)
        {
            var total = pending + read;
            var count = total / 4;
            Buffer.BlockCopy(bytes, 0, samples, 0, count * 4);
            pipeline.Push(samples.AsSpan(0, count));
            pending = total - count * 4;
            if (pending > 0) Array.Copy(bytes, count * 4, bytes, 0, pending);
        }
        pipeline.Complete();
        await process.WaitForExitAsync();
    }
}
