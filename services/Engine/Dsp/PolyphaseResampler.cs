using System.Numerics;
using System.Runtime.InteropServices;

namespace AudioPlatform.Engine.Dsp;

/// <summary>
/// Streaming windowed-sinc (Kaiser) resampler for a mono signal, any rate to any rate.
/// The rate ratio is reduced to L/M; each output sample n sits at input position n·M/L and is a
/// <see cref="Taps"/>-tap dot product with one precomputed polyphase row (at most 1,024 rows; beyond
/// that the position is rounded to the nearest row). Output sample 0 is aligned with input sample 0.
/// </summary>
public sealed class PolyphaseResampler
{
    public const int Taps = 48;
    private const int MaxPhases = 1024;
    private const int HalfLeft = Taps / 2 - 1;
    private readonly long _l;
    private readonly long _m;
    private readonly int _phases;
    private readonly float[] _table;
    private readonly bool _passthrough;
    private float[] _hist;
    private int _histCount;
    private long _histBase;
    private long _nextOut;
    private long _totalIn;
    private float[] _out = new float[4096];
    private bool _flushed;

    public PolyphaseResampler(int inputRate, int outputRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputRate);
        var g = Gcd(inputRate, outputRate);
        _l = outputRate / g;
        _m = inputRate / g;
        _passthrough = _l == _m;
        _phases = (int)Math.Min(_l, MaxPhases);
        _table = BuildTable(_phases, Math.Min(1.0, (double)_l / _m));
        _hist = new float[Taps * 4];
        _histCount = HalfLeft; // zeros before the first sample
        _histBase = -HalfLeft;
    }

    /// <summary>Consumes input samples and returns the output samples that became computable (valid until the next call).</summary>
    public ReadOnlySpan<float> Process(ReadOnlySpan<float> input)
    {
        if (_passthrough)
            return input;
        _totalIn += input.Length;
        Append(input);
        return Produce(long.MaxValue);
    }

    /// <summary>Returns the remaining output at the end of the signal.</summary>
    public ReadOnlySpan<float> Flush()
    {
        if (_passthrough || _flushed)
            return [];
        _flushed = true;
        Span<float> zeros = stackalloc float[Taps];
        zeros.Clear();
        Append(zeros);
        var total = (_totalIn * _l + _m - 1) / _m;
        return Produce(total);
    }

    private void Append(ReadOnlySpan<float> input)
    {
        if (_histCount + input.Length > _hist.Length)
            Array.Resize(ref _hist, Math.Max(_hist.Length * 2, _histCount + input.Length));
        input.CopyTo(_hist.AsSpan(_histCount));
        _histCount += input.Length;
    }

    private ReadOnlySpan<float> Produce(long limit)
    {
        var available = _histBase + _histCount; // absolute index one past the last sample held
        var maxOut = (int)Math.Min(int.MaxValue / 2, (available + Taps) * _l / _m - _nextOut + 2);
        if (_out.Length < maxOut)
            _out = new float[Math.Max(maxOut, _out.Length * 2)];
        var produced = 0;
        var hist = _hist.AsSpan();
        var table = _table.AsSpan();
        while (_nextOut < limit)
        {
            var pos = _nextOut * _m;
            var i = pos / _l;
            if (i + Taps / 2 >= available)
                break;
            var r = pos - i * _l;
            var phase = _phases == _l ? (int)r : (int)(r * _phases / _l);
            var start = (int)(i - HalfLeft - _histBase);
            _out[produced++] = Dot(hist.Slice(start, Taps), table.Slice(phase * Taps, Taps));
            _nextOut++;
        }

        // Drop input no longer needed by any future output.
        var firstNeeded = _nextOut * _m / _l - HalfLeft;
        var drop = (int)Math.Clamp(firstNeeded - _histBase, 0, _histCount);
        if (drop > 0)
        {
            _hist.AsSpan(drop, _histCount - drop).CopyTo(_hist);
            _histCount -= drop;
            _histBase += drop;
        }
        return _out.AsSpan(0, produced);
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var va = MemoryMarshal.Cast<float, Vector<float>>(a);
        var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
        var acc = Vector<float>.Zero;
        for (var k = 0; k < va.Length; k++)
            acc += va[k] * vb[k];
        var sum = Vector.Sum(acc);
        for (var k = va.Length * Vector<float>.Count; k < a.Length; k++)
            sum += a[k] * b[k];
        return sum;
    }

    private static float[] BuildTable(int phases, double ratio)
    {
        // Cut-off a little below the lower Nyquist so the Kaiser transition band stays clear of aliasing.
        var fc = 0.5 * ratio * 0.9;
        const double beta = 6.0;
        var table = new float[phases * Taps];
        var i0Beta = BesselI0(beta);
        for (var p = 0; p < phases; p++)
        {
            var frac = (double)p / phases;
            double sum = 0;
            for (var k = 0; k < Taps; k++)
            {
                var t = k - HalfLeft - frac;
                var x = 2 * fc * t;
                var sinc = Math.Abs(x) < 1e-12 ? 1.0 : Math.Sin(Math.PI * x) / (Math.PI * x);
                var u = t / (Taps / 2.0);
                var w = Math.Abs(u) >= 1 ? 0 : BesselI0(beta * Math.Sqrt(1 - u * u)) / i0Beta;
                var h = 2 * fc * sinc * w;
                table[p * Taps + k] = (float)h;
                sum += h;
            }
            for (var k = 0; k < Taps; k++)
                table[p * Taps + k] = (float)(table[p * Taps + k] / sum);
        }
        return table;
    }

    public static double BesselI0(double x)
    {
        double sum = 1, term = 1, q = x * x / 4;
        for (var k = 1; k < 50; k++)
        {
            term *= q / (k * k);
            sum += term;
            if (term < 1e-12 * sum)
                break;
        }
        return sum;
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
            (a, b) = (b, a % b);
        return a;
    }
}
