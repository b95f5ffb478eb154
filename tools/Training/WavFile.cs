namespace AudioPlatform.Training;

/// <summary>Writes the clips and probes the training command builds.</summary>
public static class WavFile
{
    /// <summary>16-bit mono WAV, peak-normalised to −1 dBFS.</summary>
    public static void Write(string path, float[] samples, int rate)
    {
        var peak = samples.Length == 0 ? 0 : samples.Max(Math.Abs);
        var gain = peak > 0 ? 0.89f / peak : 1f;
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write("RIFF"u8);
        writer.Write(36 + samples.Length * 2);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(rate);
        writer.Write(rate * 2);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(samples.Length * 2);
        foreach (var s in samples) writer.Write((short)Math.Clamp(s * gain * 32767f, -32768f, 32767f));
    }
}
