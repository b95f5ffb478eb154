using AudioPlatform.Engine.Framing;

namespace AudioPlatform.Engine.Spectral;

/// <summary>
/// Per-frame spectral centroid, 85 % rolloff, flatness and zero-crossing rate, summarised as mean/std over the
/// frames that are not silent (frame RMS above -70 dBFS; silence has no meaningful spectral shape).
/// <list type="bullet">
/// <item>Centroid (Hz): Σ f·|X| / Σ |X| over bins 1…N/2 (magnitude-weighted, as librosa).</item>
/// <item>Rolloff (Hz): the lowest bin frequency below which 85 % of the frame's spectral energy (|X|²) lies.</item>
/// <item>Flatness (0..1): geometric mean / arithmetic mean of the power spectrum (|X|² + 1e-10), Wiener entropy.</item>
/// <item>Zero-crossing rate (0..1): sign changes per sample within the frame.</item>
/// </list>
/// </summary>
public sealed class SpectralShapeFeatures : IFrameConsumer
{
    private const double SilenceMeanSquare = 1e-7; // -70 dBFS
    private const double RolloffFraction = 0.85;
    private RunningStats _centroid;
    private RunningStats _rolloff;
    private RunningStats _flatness;
    private RunningStats _zcr;

    public int SilentFrames { get; private set; }

    public void Consume(int frameIndex, ReadOnlySpan<float> samples, ReadOnlySpan<float> magnitudes)
    {
        var energy = FrameMath.SumOfSquares(samples);
        if (energy / samples.Length < SilenceMeanSquare)
        {
            SilentFrames++;
            return;
        }

        double magSum = 0, weighted = 0, power = 0, logSum = 0, product = 1;
        var binHz = FrameSettings.BinFrequency(1);
        for (var k = 1; k < magnitudes.Length; k++)
        {
            double m = magnitudes[k];
            magSum += m;
            weighted += k * m;
            var p = m * m + 1e-10;
            power += p;
            // One logarithm per 16 bins: a product of 16 values in [1e-10, 1e8] stays within double range.
            product *= p;
            if ((k & 15) == 0)
            {
                logSum += Math.Log(product);
                product = 1;
            }
        }
        logSum += Math.Log(product);
        weighted *= binHz;
        var bins = magnitudes.Length - 1;
        _centroid.Add(magSum > 0 ? weighted / magSum : 0);
        _flatness.Add(Math.Exp(logSum / bins) / (power / bins));

        var threshold = RolloffFraction * power;
        double cumulative = 0;
        var rolloffBin = bins;
        for (var k = 1; k < magnitudes.Length; k++)
        {
            double m = magnitudes[k];
            cumulative += m * m + 1e-10;
            if (cumulative >= threshold)
            {
                rolloffBin = k;
                break;
            }
        }
        _rolloff.Add(rolloffBin * binHz);
        _zcr.Add((double)FrameMath.ZeroCrossings(samples) / samples.Length);
    }

    public MeanStd CentroidHz => MeanStd.From(_centroid);
    public MeanStd RolloffHz => MeanStd.From(_rolloff);
    public MeanStd Flatness => MeanStd.From(_flatness);
    public MeanStd ZeroCrossingRate => MeanStd.From(_zcr);
    public long VoicedFrames => _centroid.Count;
}
