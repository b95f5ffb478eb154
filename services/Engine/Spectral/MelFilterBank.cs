using AudioPlatform.Engine.Framing;

namespace AudioPlatform.Engine.Spectral;

/// <summary>
/// Triangular filters equally spaced on the HTK mel scale (2595·log10(1 + f/700)) over the FrameSettings bins,
/// stored sparsely (first bin and weights per band) so applying them costs one pass over the spectrum.
/// Bands narrower than a bin fall back to interpolation between the two nearest bins so none is empty.
/// </summary>
public sealed class MelFilterBank
{
    private readonly int[] _start;
    private readonly float[][] _weights;

    public MelFilterBank(int bands, double minHz, double maxHz)
    {
        Bands = bands;
        _start = new int[bands];
        _weights = new float[bands][];
        var melMin = HzToMel(minHz);
        var melMax = HzToMel(maxHz);
        var binHz = FrameSettings.BinFrequency(1);
        for (var b = 0; b < bands; b++)
        {
            var lo = MelToHz(melMin + (melMax - melMin) * b / (bands + 1));
            var centre = MelToHz(melMin + (melMax - melMin) * (b + 1) / (bands + 1));
            var hi = MelToHz(melMin + (melMax - melMin) * (b + 2) / (bands + 1));
            var first = (int)Math.Ceiling(lo / binHz);
            var last = Math.Min(FrameSettings.BinCount - 1, (int)Math.Floor(hi / binHz));
            if (last < first)
            {
                // Narrower than one bin: linear interpolation at the centre frequency.
                var pos = centre / binHz;
                var k = Math.Min((int)pos, FrameSettings.BinCount - 2);
                var frac = (float)(pos - k);
                _start[b] = k;
                _weights[b] = [1 - frac, frac];
                continue;
            }
            var w = new float[last - first + 1];
            for (var k = first; k <= last; k++)
            {
                var f = k * binHz;
                w[k - first] = (float)(f <= centre ? (f - lo) / (centre - lo) : (hi - f) / (hi - centre));
            }
            _start[b] = first;
            _weights[b] = w;
        }
    }

    public int Bands { get; }

    /// <summary>Band energies: Σ w·|X|² per band.</summary>
    public void ApplyPower(ReadOnlySpan<float> magnitudes, Span<float> bands)
    {
        for (var b = 0; b < Bands; b++)
        {
            var w = _weights[b];
            var m = magnitudes.Slice(_start[b], w.Length);
            float sum = 0;
            for (var i = 0; i < w.Length; i++)
                sum += w[i] * m[i] * m[i];
            bands[b] = sum;
        }
    }

    public static double HzToMel(double hz) => 2595.0 * Math.Log10(1 + hz / 700.0);
    public static double MelToHz(double mel) => 700.0 * (Math.Pow(10, mel / 2595.0) - 1);
}
