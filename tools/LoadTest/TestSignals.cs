using System.Diagnostics;
using System.Globalization;

namespace AudioPlatform.LoadTest;

/// <summary>Audio for the load test, made by ffmpeg: a chord with a pulse, different for every track.</summary>
internal static class TestSignals
{
    public static async Task<List<byte[]>> CreateAsync(int count, double seconds, string format)
    {
        var directory = Directory.CreateTempSubdirectory("audioplatform-loadtest-");
        try
        {
            var files = new byte[count][];
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (i, ct) =>
            {
                var path = Path.Combine(directory.FullName, $"{i}.{format}");
                var root = 110 * Math.Pow(2, i % 12 / 12.0);
                var bpm = 80 + i * 7 % 90;
                var expression = string.Format(CultureInfo.InvariantCulture,
                    "0.2*sin(2*PI*{0}*t)+0.15*sin(2*PI*{1}*t)+0.1*sin(2*PI*{2}*t)+0.4*sin(2*PI*60*t)*exp(-30*mod(t\\,{3}))",
                    root, root * 1.26, root * 1.5, 60.0 / bpm);
                var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
                foreach (var argument in new[]
                         {
                             "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", $"aevalsrc={expression}:s=44100:c=stereo:d={seconds.ToString(CultureInfo.InvariantCulture)}",
                             path,
                         })
                {
                    start.ArgumentList.Add(argument);
                }

                using var ffmpeg = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg could not be started");
                var errors = await ffmpeg.StandardError.ReadToEndAsync(ct);
                await ffmpeg.WaitForExitAsync(ct);
                if (ffmpeg.ExitCode != 0)
                {
                    throw new InvalidOperationException($"ffmpeg could not make the test audio: {errors}");
                }

                files[i] = await File.ReadAllBytesAsync(path, ct);
            });
            return [.. files];
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
