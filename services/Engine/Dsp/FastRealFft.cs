using System.Numerics;
using System.Runtime.InteropServices;

namespace AudioPlatform.Engine.Dsp;

/// <summary>
/// Magnitude spectrum of a real frame of power-of-two length N: the frame is packed into an N/2-point complex FFT
/// (iterative radix-2, split real/imaginary arrays, vectorised once a butterfly span reaches a SIMD width) and
/// unpacked with the standard real-signal post-twiddle. One instance per thread: it owns its work buffers.
/// </summary>
public sealed class FastRealFft
{
    private readonly int _n;
    private readonly int _m;
    private readonly int[] _bitReverse;
    private readonly float[] _twiddleRe;
    private readonly float[] _twiddleIm;
    private readonly float[] _postCos;
    private readonly float[] _postSin;
    private readonly float[] _re;
    private readonly float[] _im;

    public FastRealFft(int size)
    {
        if (size < 16 || (size & (size - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(size), "The size must be a power of two, at least 16.");
        _n = size;
        _m = size / 2;
        _re = new float[_m];
        _im = new float[_m];
        _bitReverse = new int[_m];
        var bits = BitOperations.Log2((uint)_m);
        for (var i = 0; i < _m; i++)
            _bitReverse[i] = (int)(ReverseBits((uint)i) >> (32 - bits));

        // Twiddles for each stage laid out contiguously: stage with half-span h uses entries [h-1, 2h-1).
        _twiddleRe = new float[_m];
        _twiddleIm = new float[_m];
        for (var half = 1; half < _m; half *= 2)
            for (var j = 0; j < half; j++)
            {
                var angle = -Math.PI * j / half;
                _twiddleRe[half - 1 + j] = (float)Math.Cos(angle);
                _twiddleIm[half - 1 + j] = (float)Math.Sin(angle);
            }

        _postCos = new float[_m + 1];
        _postSin = new float[_m + 1];
        for (var k = 0; k <= _m; k++)
        {
            var theta = 2 * Math.PI * k / _n;
            _postCos[k] = (float)Math.Cos(theta);
            _postSin[k] = (float)Math.Sin(theta);
        }
    }

    public int Size => _n;

    /// <summary>Writes |X[k]| for k = 0…N/2 (unnormalised) of <paramref name="input"/> (N samples).</summary>
    public void Magnitudes(ReadOnlySpan<float> input, Span<float> magnitudes)
    {
        if (input.Length != _n || magnitudes.Length < _m + 1)
            throw new ArgumentException("Input must hold N samples and the output N/2 + 1 values.");
        var re = _re.AsSpan();
        var im = _im.AsSpan();
        for (var k = 0; k < _m; k++)
        {
            var j = _bitReverse[k];
            re[j] = input[2 * k];
            im[j] = input[2 * k + 1];
        }
        Transform(re, im);

        for (var k = 0; k <= _m; k++)
        {
            var a = k == _m ? 0 : k;
            var b = k == 0 ? 0 : _m - k;
            float ar = re[a], ai = im[a], br = re[b], bi = -im[b];
            var er = 0.5f * (ar + br);
            var ei = 0.5f * (ai + bi);
            var or = 0.5f * (ar - br);
            var oi = 0.5f * (ai - bi);
            var s = _postSin[k];
            var c = _postCos[k];
            var xr = er - s * or + c * oi;
            var xi = ei - s * oi - c * or;
            magnitudes[k] = MathF.Sqrt(xr * xr + xi * xi);
        }
    }

    private void Transform(Span<float> re, Span<float> im)
    {
        var m = _m;
        // Span 2: no twiddle.
        for (var i = 0; i < m; i += 2)
        {
            float r0 = re[i], i0 = im[i], r1 = re[i + 1], i1 = im[i + 1];
            re[i] = r0 + r1;
            im[i] = i0 + i1;
            re[i + 1] = r0 - r1;
            im[i + 1] = i0 - i1;
        }

        var width = Vector<float>.Count;
        for (var half = 2; half < m; half *= 2)
        {
            var twr = _twiddleRe.AsSpan(half - 1, half);
            var twi = _twiddleIm.AsSpan(half - 1, half);
            var span = half * 2;
            if (half >= width)
            {
                var vtr = MemoryMarshal.Cast<float, Vector<float>>(twr);
                var vti = MemoryMarshal.Cast<float, Vector<float>>(twi);
                for (var s = 0; s < m; s += span)
                {
                    var ar = MemoryMarshal.Cast<float, Vector<float>>(re.Slice(s, half));
                    var ai = MemoryMarshal.Cast<float, Vector<float>>(im.Slice(s, half));
                    var br = MemoryMarshal.Cast<float, Vector<float>>(re.Slice(s + half, half));
                    var bi = MemoryMarshal.Cast<float, Vector<float>>(im.Slice(s + half, half));
                    for (var v = 0; v < ar.Length; v++)
                    {
                        var tr = vtr[v] * br[v] - vti[v] * bi[v];
                        var ti = vtr[v] * bi[v] + vti[v] * br[v];
                        br[v] = ar[v] - tr;
                        bi[v] = ai[v] - ti;
                        ar[v] += tr;
                        ai[v] += ti;
                    }
                }
            }
            else
            {
                for (var s = 0; s < m; s += span)
                    for (var j = 0; j < half; j++)
                    {
                        var a = s + j;
                        var b = a + half;
                        var tr = twr[j] * re[b] - twi[j] * im[b];
                        var ti = twr[j] * im[b] + twi[j] * re[b];
                        re[b] = re[a] - tr;
                        im[b] = im[a] - ti;
                        re[a] += tr;
                        im[a] += ti;
                    }
            }
        }
    }

    private static uint ReverseBits(uint v)
    {
        v = ((v >> 1) & 0x55555555) | ((v & 0x55555555) << 1);
        v = ((v >> 2) & 0x33333333) | ((v & 0x33333333) << 2);
        v = ((v >> 4) & 0x0F0F0F0F) | ((v & 0x0F0F0F0F) << 4);
        v = ((v >> 8) & 0x00FF00FF) | ((v & 0x00FF00FF) << 8);
        return (v >> 16) | (v << 16);
    }
}
