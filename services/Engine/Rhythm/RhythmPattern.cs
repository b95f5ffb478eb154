using AudioPlatform.Engine.Framing;

namespace AudioPlatform.Engine.Rhythm;

/// <summary>
/// Where in the beat the onsets fall, per band, from the tracked beats: what tells a four-on-the-floor kick from a
/// hip-hop or latin pattern at the same tempo, and straight from swung eighths.
/// <list type="bullet">
/// <item><see cref="Positions"/>: for the low (&lt; 200 Hz), mid and high (&gt; 4 kHz) onset envelopes, the mean of the
/// envelope's peak (±1 frame) at 0, ¼, ⅓, ½, ⅔ and ¾ of every beat interval, over the envelope's mean (1 = average,
/// higher = onsets fall there).</item>
/// <item><see cref="Backbeat"/>: |even − odd| / (even + odd) of the per-beat onset strength in the low and mid bands
/// (kick on 1 and 3, snare on 2 and 4 give high values; a kick on every beat gives 0).</item>
/// <item><see cref="Periodicity"/>: autocorrelation of the full-band envelope at ½, 1, 2 and 4 beats over its
/// autocorrelation at lag 0.</item>
/// </list>
/// All zero with fewer than four beats.
/// </summary>
public sealed record RhythmPattern(IReadOnlyList<double> Positions, IReadOnlyList<double> Backbeat, IReadOnlyList<double> Periodicity)
{
    public static readonly double[] BeatFractions = [0, 0.25, 1.0 / 3, 0.5, 2.0 / 3, 0.75];
    public static readonly double[] PeriodicityBeats = [0.5, 1, 2, 4];
    public const int BandCount = 3;

    public static RhythmPattern None { get; } = new(new double[BandCount * BeatFractions.Length], new double[2], new double[PeriodicityBeats.Length]);

    public static RhythmPattern From(OnsetEnvelopeBuilder onsets, IReadOnlyList<double> beatTimes)
    {
        if (beatTimes.Count < 4) return None;
        var frameRate = FrameSettings.FrameRate;
        var beats = beatTimes.Select(t => t * frameRate).ToArray();
        float[][] bands = [onsets.GetLowEnvelope(), onsets.GetMidEnvelope(), onsets.GetHighEnvelope()];

        var positions = new double[BandCount * BeatFractions.Length];
        for (var b = 0; b < BandCount; b++)
        {
            var envelope = bands[b];
            var mean = envelope.Length == 0 ? 0 : envelope.Average();
            if (mean < 1e-6) continue;
            for (var f = 0; f < BeatFractions.Length; f++)
            {
                double sum = 0;
                for (var i = 0; i + 1 < beats.Length; i++)
                    sum += PeakNear(envelope, beats[i] + BeatFractions[f] * (beats[i + 1] - beats[i]));
                positions[b * BeatFractions.Length + f] = sum / (beats.Length - 1) / mean;
            }
        }

        var backbeat = new double[2];
        for (var b = 0; b < 2; b++)
        {
            double even = 0, odd = 0;
            for (var i = 0; i < beats.Length; i++)
                if (i % 2 == 0) even += PeakNear(bands[b], beats[i]); else odd += PeakNear(bands[b], beats[i]);
            even /= (beats.Length + 1) / 2;
            odd /= beats.Length / 2;
            backbeat[b] = even + odd > 1e-9 ? Math.Abs(even - odd) / (even + odd) : 0;
        }

        var full = onsets.GetEnvelope();
        var period = (beats[^1] - beats[0]) / (beats.Length - 1);
        var periodicity = new double[PeriodicityBeats.Length];
        var zero = Autocorrelation(full, 0);
        for (var p = 0; p < PeriodicityBeats.Length; p++)
            periodicity[p] = zero > 1e-9 ? Autocorrelation(full, (int)Math.Round(PeriodicityBeats[p] * period)) / zero : 0;
        return new RhythmPattern(positions, backbeat, periodicity);
    }

    private static double PeakNear(float[] envelope, double frame)
    {
        var centre = (int)Math.Round(frame);
        var peak = 0f;
        for (var i = Math.Max(0, centre - 1); i <= Math.Min(envelope.Length - 1, centre + 1); i++)
            peak = Math.Max(peak, envelope[i]);
        return peak;
    }

    /// <summary>Mean product of the envelope with itself shifted by <paramref name="lag"/> frames.</summary>
    private static double Autocorrelation(float[] envelope, int lag)
    {
        if (lag >= envelope.Length) return 0;
        double sum = 0;
        for (var i = 0; i + lag < envelope.Length; i++) sum += envelope[i] * (double)envelope[i + lag];
        return sum / (envelope.Length - lag);
    }
}
