using AudioPlatform.Engine.Framing;

namespace AudioPlatform.Engine.Spectral;

/// <summary>
/// MFCC from the shared spectrum: 40 HTK-mel bands over 0–11,025 Hz on the power spectrum, 10·log10 (floor 1e-10, and at most 80 dB below the frame's strongest band),
/// orthonormal DCT-II, coefficients 0–12. Summarised as per-coefficient mean and std over non-silent frames.
/// </summary>
public sealed class MfccFeatures : IFrameConsumer
{
    public const int Coefficients = 13;
    private const int Bands = 40;
    private const float TopDb = 80;
    private const double SilenceMeanSquare = 1e-7;
    private readonly MelFilterBank _bank = new(Bands, 0, FrameSettings.SampleRate / 2.0);
    private readonly float[] _bandEnergies = new float[Bands];
    private readonly float[] _dct = new float[Coefficients * Bands];
    private readonly RunningStats[] _stats = new RunningStats[Coefficients];

    public MfccFeatures()
    {
        for (var c = 0; c < Coefficients; c++)
        {
            var scale = c == 0 ? Math.Sqrt(1.0 / Bands) : Math.Sqrt(2.0 / Bands);
            for (var b = 0; b < Bands; b++)
                _dct[c * Bands + b] = (float)(scale * Math.Cos(Math.PI * c * (b + 0.5) / Bands));
        }
    }

    public void Consume(int frameIndex, ReadOnlySpan<float> samples, ReadOnlySpan<float> magnitudes)
    {
        var energy = FrameMath.SumOfSquares(samples);
        if (energy / samples.Length < SilenceMeanSquare)
            return;

        _bank.ApplyPower(magnitudes, _bandEnergies);
        var top = float.MinValue;
        for (var b = 0; b < Bands; b++)
        {
            _bandEnergies[b] = 10f * MathF.Log10(MathF.Max(_bandEnergies[b], 1e-10f));
            top = MathF.Max(top, _bandEnergies[b]);
        }
        // Bands more than 80 dB below the frame's strongest are clipped (librosa's top_db), so window sidelobes
        // far below audibility do not dominate the coefficients.
        for (var b = 0; b < Bands; b++)
            _bandEnergies[b] = MathF.Max(_bandEnergies[b], top - TopDb);
        for (var c = 0; c < Coefficients; c++)
        {
            float sum = 0;
            var row = _dct.AsSpan(c * Bands, Bands);
            for (var b = 0; b < Bands; b++)
                sum += row[b] * _bandEnergies[b];
            _stats[c].Add(sum);
        }
    }

    public double[] Mean()
    {
        var m = new double[Coefficients];
        for (var c = 0; c < Coefficients; c++)
            m[c] = _stats[c].Mean;
        return m;
    }

    public double[] Std()
    {
        var s = new double[Coefficients];
        for (var c = 0; c < Coefficients; c++)
            s[c] = _stats[c].StdDev;
        return s;
    }
}
