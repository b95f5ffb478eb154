namespace AudioPlatform.Engine.Tests.Support;

/// <summary>Test signals made in C#.</summary>
internal static class Signals
{
    public static float DbToAmplitude(double db) => (float)Math.Pow(10, db / 20);

    /// <summary>Interleaved sine with the same signal in every channel.</summary>
    public static float[] Sine(double frequency, double seconds, int sampleRate, int channels = 1, double peakDbfs = -6, double phase = 0)
    {
        var frames = (int)Math.Round(seconds * sampleRate);
        var amplitude = DbToAmplitude(peakDbfs);
        var x = new float[frames * channels];
        for (var i = 0; i < frames; i++)
        {
            var v = (float)(amplitude * Math.Sin(2 * Math.PI * frequency * i / sampleRate + phase));
            for (var c = 0; c < channels; c++)
                x[i * channels + c] = v;
        }
        return x;
    }

    public static float[] WhiteNoise(double seconds, int sampleRate, int channels = 1, double amplitude = 0.5, int seed = 1)
    {
        var rng = new Random(seed);
        var x = new float[(int)Math.Round(seconds * sampleRate) * channels];
        for (var i = 0; i < x.Length; i++)
            x[i] = (float)((rng.NextDouble() * 2 - 1) * amplitude);
        return x;
    }

    public static float[] Concat(params float[][] parts)
    {
        var x = new float[parts.Sum(p => p.Length)];
        var o = 0;
        foreach (var p in parts)
        {
            p.CopyTo(x, o);
            o += p.Length;
        }
        return x;
    }

    /// <summary>A short "song": kick-like clicks at a tempo over a chord and noise, stereo, with a quieter middle.</summary>
    public static float[] MusicLike(double seconds, int sampleRate, double bpm = 120, int seed = 7)
    {
        var rng = new Random(seed);
        var frames = (int)(seconds * sampleRate);
        var x = new float[frames * 2];
        var beat = 60.0 / bpm;
        double[] chord = [220, 277.18, 329.63];
        for (var i = 0; i < frames; i++)
        {
            var t = (double)i / sampleRate;
            var sinceBeat = t % beat;
            var kick = Math.Exp(-sinceBeat * 30) * Math.Sin(2 * Math.PI * 60 * sinceBeat) * 0.6;
            double pad = 0;
            foreach (var f in chord)
                pad += Math.Sin(2 * Math.PI * f * t) * 0.08;
            var section = t > seconds / 3 && t < 2 * seconds / 3 ? 0.4 : 1.0;
            var noise = (rng.NextDouble() * 2 - 1) * 0.03;
            x[2 * i] = (float)((kick + pad + noise) * section);
            x[2 * i + 1] = (float)((kick + pad * 0.8 - noise) * section);
        }
        return x;
    }
}
