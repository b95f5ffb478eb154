using System.Diagnostics;

namespace AudioPlatform.EndToEnd.Tests;

/// <summary>Audio made in the test: a 16-bit stereo WAV of a click track with a chord, at a known tempo.</summary>
public static class TestAudio
{
    /// <summary>Extension and ffmpeg arguments of every upload format besides WAV.</summary>
    private static readonly Dictionary<string, string[]> Encoders = new()
    {
        ["wav"] = ["-c:a", "pcm_s16le", "-f", "wav"],
        ["mp3"] = ["-c:a", "libmp3lame", "-b:a", "128k", "-f", "mp3"],
        ["flac"] = ["-c:a", "flac", "-f", "flac"],
        ["aiff"] = ["-c:a", "pcm_s16be", "-f", "aiff"],
        ["ogg"] = ["-c:a", "libvorbis", "-q:a", "4", "-f", "ogg"],
    };

    /// <summary>
    /// Ten seconds of real music (an excerpt of "War of Freedom", the engine tests' fixture, Ogg Vorbis): what an audio
    /// fingerprint needs to tell one recording from another, which a click track does not give it.
    /// </summary>
    public static byte[] RecordingOgg() =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "war-of-freedom-excerpt.ogg"));

    /// <summary>The audio re-encoded by ffmpeg (as the test command installs it) into wav, mp3, flac, aiff or ogg; ffmpeg recognises the input by its content.</summary>
    public static async Task<byte[]> EncodeAsync(byte[] wav, string format)
    {
        var input = Path.Combine(Path.GetTempPath(), $"e2e-{Guid.NewGuid():N}.input");
        var output = Path.ChangeExtension(input, $"output.{format}");
        await File.WriteAllBytesAsync(input, wav);
        try
        {
            var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "-nostdin", "-v", "error", "-y", "-i", input }.Concat(Encoders[format]).Append(output))
            {
                start.ArgumentList.Add(argument);
            }

            using var ffmpeg = Process.Start(start)!;
            var errors = await ffmpeg.StandardError.ReadToEndAsync();
            await ffmpeg.WaitForExitAsync();
            Assert.True(ffmpeg.ExitCode == 0, $"ffmpeg could not make the {format} test file: {errors}");
            return await File.ReadAllBytesAsync(output);
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }

    /// <summary>The MD5 of the decoded samples (ffmpeg's md5 muxer): equal for two files whose audio is the same whatever their tags.</summary>
    public static async Task<string> DecodedMd5Async(byte[] file, string format) =>
        (await RunOnFileAsync(file, format, "ffmpeg", path => ["-nostdin", "-v", "error", "-i", path, "-map", "0:a", "-f", "md5", "-"])).Trim();

    /// <summary>The file's format-level tags as ffprobe reads them (names as ffprobe gives them, compared ignoring case).</summary>
    public static async Task<Dictionary<string, string>> TagsAsync(byte[] file, string format)
    {
        var json = await RunOnFileAsync(file, format, "ffprobe", path => ["-v", "error", "-show_entries", "format_tags", "-of", "json", path]);
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("format").TryGetProperty("tags", out var found))
        {
            foreach (var tag in found.EnumerateObject()) tags[tag.Name] = tag.Value.GetString() ?? "";
        }
        return tags;
    }

    private static async Task<string> RunOnFileAsync(byte[] file, string format, string tool, Func<string, string[]> arguments)
    {
        var path = Path.Combine(Path.GetTempPath(), $"e2e-{Guid.NewGuid():N}.{format}");
        await File.WriteAllBytesAsync(path, file);
        try
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments(path)) start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"{tool} failed on the {format} file: {errors}");
            return await output;
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static byte[] ClickTrackWav(double bpm, double seconds, int sampleRate = 44100)
    {
        var beat = 60.0 / bpm;
        double[] chord = [220.0, 261.63, 329.63];
        return Wav(seconds, sampleRate, t =>
        {
            var sinceBeat = t % beat;
            var click = sinceBeat < 0.03 ? Math.Sin(2 * Math.PI * 1000 * t) * Math.Exp(-sinceBeat * 150) : 0;
            var pad = chord.Sum(f => Math.Sin(2 * Math.PI * f * t)) * 0.08;
            return click * 0.6 + pad;
        });
    }

    /// <summary>
    /// A track in a known key at a known tempo, at one of several energies: a click on every beat over a cadence
    /// that leaves no doubt of the key (i–iv–V–i in minor, I–IV–V–I in major, one chord a bar, with the tonic in the
    /// bass), louder and with off-beat hi-hats as <paramref name="energy"/> rises (the engine's energy weighs
    /// loudness, onsets and brightness).
    /// </summary>
    /// <param name="tonic">The key's tonic in semitones above A (0 = A, 3 = C, 7 = E…).</param>
    /// <param name="energy">0 (quiet, clicks only) to 1 (loud, with hats).</param>
    public static byte[] KeyedTrackWav(double bpm, int tonic, bool minor, double energy, double seconds, int sampleRate = 44100)
    {
        var beat = 60.0 / bpm;
        var third = minor ? 3 : 4;
        // Each bar's chord as semitones above the tonic: i (or I), iv (IV), V (major in both modes: the leading tone), i.
        int[][] bars = [[0, third, 7], [5, 5 + third, 12], [7, 11, 14], [0, third, 7]];
        double Hz(int semitones) => 220.0 * Math.Pow(2, (tonic + semitones) / 12.0);
        var gain = 0.35 + 0.5 * energy;
        var noise = new Random(tonic * 31 + (int)bpm);
        return Wav(seconds, sampleRate, t =>
        {
            var sinceBeat = t % beat;
            var chord = bars[(int)(t / (4 * beat)) % bars.Length];
            var click = sinceBeat < 0.03 ? Math.Sin(2 * Math.PI * 1000 * t) * Math.Exp(-sinceBeat * 150) : 0;
            var sinceOffBeat = (t + beat / 2) % beat;
            var hat = energy > 0.4 && sinceOffBeat < 0.02 ? (noise.NextDouble() * 2 - 1) * Math.Exp(-sinceOffBeat * 250) * energy : 0;
            var pad = chord.Sum(s => Math.Sin(2 * Math.PI * Hz(s) * t)) * 0.07 + Math.Sin(Math.PI * Hz(chord[0]) * t) * 0.06;
            return (click * 0.6 + hat * 0.5 + pad) * gain;
        });
    }

    /// <summary>A 16-bit stereo WAV of <paramref name="sample"/>(t) for t in seconds, clipped to ±1.</summary>
    private static byte[] Wav(double seconds, int sampleRate, Func<double, double> sample)
    {
        var frames = (int)(seconds * sampleRate);
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8);
        writer.Write(36 + frames * 4);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)2);
        writer.Write(sampleRate);
        writer.Write(sampleRate * 4);
        writer.Write((short)4);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(frames * 4);
        for (var i = 0; i < frames; i++)
        {
            var value = (short)(Math.Clamp(sample((double)i / sampleRate), -1, 1) * short.MaxValue);
            writer.Write(value);
            writer.Write(value);
        }

        writer.Flush();
        return stream.ToArray();
    }
}
