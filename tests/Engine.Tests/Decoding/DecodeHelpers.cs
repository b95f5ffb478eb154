using AudioPlatform.Engine.Decoding;

namespace AudioPlatform.Engine.Tests.Decoding;

internal sealed record Decoded(AudioProbeInfo Probe, string Decoder, int SampleRate, int Channels, float[] Samples)
{
    public double Seconds => (double)Samples.Length / Channels / SampleRate;

    /// <summary>RMS of channel 0 in dBFS.</summary>
    public double Channel0RmsDb()
    {
        double sum = 0;
        var n = 0;
        for (var i = 0; i < Samples.Length; i += Channels, n++)
            sum += Samples[i] * Samples[i];
        return 10 * Math.Log10(sum / n);
    }
}

internal static class DecodeHelpers
{
    /// <summary>Decodes a whole (short) test file into memory.</summary>
    public static async Task<Decoded> DecodeAllAsync(string path, DecodeOptions? options = null)
    {
        using var input = await AudioDecoder.OpenAsync(path, options);
        var all = new List<float>();
        var buffer = new float[4096 * input.Channels];
        int n;
        while ((n = input.Read(buffer)) > 0)
            all.AddRange(buffer.AsSpan(0, n));
        return new Decoded(input.Probe, input.Decoder, input.SampleRate, input.Channels, [.. all]);
    }
}
