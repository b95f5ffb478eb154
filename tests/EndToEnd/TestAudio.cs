namespace AudioPlatform.EndToEnd.Tests;

/// <summary>Audio made in the test: a 16-bit stereo WAV of a click track with a chord, at a known tempo.</summary>
public static class TestAudio
{
    public static byte[] ClickTrackWav(double bpm, double seconds, int sampleRate = 44100)
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
        var beat = 60.0 / bpm;
        double[] chord = [220.0, 261.63, 329.63];
        for (var i = 0; i < frames; i++)
        {
            var t = (double)i / sampleRate;
            var sinceBeat = t % beat;
            var click = sinceBeat < 0.03 ? Math.Sin(2 * Math.PI * 1000 * t) * Math.Exp(-sinceBeat * 150) : 0;
            var pad = chord.Sum(f => Math.Sin(2 * Math.PI * f * t)) * 0.08;
            var sample = (short)(Math.Clamp(click * 0.6 + pad, -1, 1) * short.MaxValue);
            writer.Write(sample);
            writer.Write(sample);
        }

        writer.Flush();
        return stream.ToArray();
    }
}
