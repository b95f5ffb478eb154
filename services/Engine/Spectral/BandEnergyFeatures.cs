using AudioPlatform.Engine.Framing;

namespace AudioPlatform.Engine.Spectral;

/// <summary>
/// How a frame's energy splits over six fixed bands (40–150 Hz kick and bass, 150–400 Hz bass and low mids,
/// 400–1,000 Hz, 1–2.5 kHz, 2.5–6 kHz, 6–11 kHz cymbals and air) and how peaked each band is. MFCCs smear these
/// together; the instrument and genre models need "is there a sub-bass, are there cymbals, is this band tonal or
/// noisy" directly, and those survive a change of soundfont better than a cepstrum does.
/// <list type="bullet">
/// <item>Share (dB): 10·log10 of the band's power (Σ|X|²) over the frame's power in 40 Hz–11 kHz, floor −80; mean and
/// std over non-silent frames.</item>
/// <item>Contrast (dB): 10·log10 of the band's strongest bin power over its mean bin power, mean over non-silent
/// frames: high for harmonic partials, low for noise.</item>
/// </list>
/// </summary>
public sealed class BandEnergyFeatures : IFrameConsumer
{
    public static readonly double[] EdgesHz = [40, 150, 400, 1000, 2500, 6000, 11025];
    public static int Bands => EdgesHz.Length - 1;
    private const double SilenceMeanSquare = 1e-7;
    private const double FloorDb = -80;
    private static readonly int[] EdgeBins = EdgesHz.Select(hz => Math.Min(FrameSettings.BinCount, (int)Math.Round(hz * FrameSettings.FftSize / FrameSettings.SampleRate))).ToArray();
    private readonly RunningStats[] _share = new RunningStats[Bands];
    private readonly RunningStats[] _contrast = new RunningStats[Bands];
    private readonly double[] _power = new double[Bands];
    private readonly double[] _peak = new double[Bands];

    public void Consume(int frameIndex, ReadOnlySpan<float> samples, ReadOnlySpan<float> magnitudes)
    {
        if (FrameMath.SumOfSquares(samples) / samples.Length < SilenceMeanSquare)
            return;
        double total = 0;
        for (var b = 0; b < Bands; b++)
        {
            double sum = 0, peak = 0;
            for (var k = EdgeBins[b]; k < EdgeBins[b + 1]; k++)
            {
                double p = magnitudes[k] * magnitudes[k];
                sum += p;
                if (p > peak) peak = p;
            }
            _power[b] = sum;
            _peak[b] = peak;
            total += sum;
        }
        if (total <= 1e-12)
            return;
        for (var b = 0; b < Bands; b++)
        {
            _share[b].Add(Math.Max(FloorDb, 10 * Math.Log10(_power[b] / total + 1e-12)));
            var mean = _power[b] / (EdgeBins[b + 1] - EdgeBins[b]);
            _contrast[b].Add(mean > 1e-12 ? 10 * Math.Log10(_peak[b] / mean) : 0);
        }
    }

    public double[] ShareMean() => [.. _share.Select(s => s.Mean)];

    public double[] ShareStd() => [.. _share.Select(s => s.StdDev)];

    public double[] Contrast() => [.. _contrast.Select(s => s.Mean)];
}
