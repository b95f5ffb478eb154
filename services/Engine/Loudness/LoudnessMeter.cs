namespace AudioPlatform.Engine.Loudness;

/// <summary>
/// Streaming loudness meter over native-rate interleaved channels.
/// <list type="bullet">
/// <item>Integrated loudness: ITU-R BS.1770-4. K-weighting per channel, channel powers summed with weights
/// (1.0 for L/R/C, 1.41 for the surrounds of a 6-channel 5.1 stream, 0 for its LFE), 400 ms blocks every 100 ms,
/// absolute gate at -70 LUFS, relative gate 10 LU below the absolutely-gated mean.</item>
/// <item>Loudness range: EBU Tech 3342. 3 s short-term blocks every 100 ms, absolute gate -70 LUFS,
/// relative gate 20 LU below their mean, LRA = 95th − 10th percentile.</item>
/// <item>True peak: <see cref="TruePeakMeter"/> (4× oversampling); sample peak and unweighted RMS as well.</item>
/// </list>
/// Memory is one double per 100 ms step (about 0.6 MB for two hours).
/// </summary>
public sealed class LoudnessMeter
{
    private const double AbsoluteGateLufs = -70.0;
    private readonly int _channels;
    private readonly KWeightingCoefficients _k;
    private readonly double[] _weights;
    private readonly double[] _state; // per channel: shelf x1 x2 y1 y2, high-pass z1 z2 (direct form II transposed)
    private readonly int _subBlockLength;
    private readonly double[] _subBlocks = new double[30]; // ring of the last 30 sub-block mean powers
    private readonly List<double> _momentary = new();
    private readonly List<double> _shortTerm = new();
    private readonly TruePeakMeter _truePeak;
    private double _subAccumulator;
    private int _subCount;
    private long _subBlocksDone;
    private double _sumSquares;
    private long _frames;
    private float _samplePeak;

    public LoudnessMeter(int sampleRate, int channels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        SampleRate = sampleRate;
        _channels = channels;
        _k = new KWeightingCoefficients(sampleRate);
        _weights = ChannelWeights(channels);
        _state = new double[channels * 6];
        _subBlockLength = Math.Max(1, (int)Math.Round(sampleRate / 10.0));
        _truePeak = new TruePeakMeter(channels);
    }

    public int SampleRate { get; }
    public long Frames => _frames;

    public void Process(ReadOnlySpan<float> interleaved)
    {
        var frames = interleaved.Length / _channels;
        _truePeak.Process(interleaved[..(frames * _channels)]);
        var offset = 0;
        while (offset < frames)
        {
            var n = Math.Min(frames - offset, _subBlockLength - _subCount);
            var segment = interleaved.Slice(offset * _channels, n * _channels);
            double weighted = 0;
            if (_channels == 2)
            {
                weighted = FilterStereo(segment);
                _subAccumulator += weighted;
                _subCount += n;
                offset += n;
                _frames += n;
                if (_subCount == _subBlockLength)
                    CloseSubBlock();
                continue;
            }
            for (var c = 0; c < _channels; c++)
            {
                var w = _weights[c];
                var power = Filter(segment, c, out var squares, out var peak);
                _sumSquares += squares;
                if (peak > _samplePeak)
                    _samplePeak = peak;
                weighted += w * power;
            }
            _subAccumulator += weighted;
            _subCount += n;
            offset += n;
            _frames += n;
            if (_subCount == _subBlockLength)
                CloseSubBlock();
        }
    }

    private double Filter(ReadOnlySpan<float> segment, int channel, out double squares, out float peak)
    {
        var s = _state.AsSpan(channel * 6, 6);
        double x1 = s[0], x2 = s[1], y1 = s[2], y2 = s[3], z1 = s[4], z2 = s[5];
        double b0 = _k.B0, b1 = _k.B1, b2 = _k.B2, a1 = _k.A1, a2 = _k.A2, c1 = _k.C1, c2 = _k.C2;
        double sum = 0, sq = 0;
        float pk = 0;
        for (var i = channel; i < segment.Length; i += _channels)
        {
            double x = segment[i];
            sq += x * x;
            var ax = Math.Abs(segment[i]);
            if (ax > pk)
                pk = ax;
            var y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = y;
            // High pass with numerator (1, -2, 1): direct form II.
            var v = y - c1 * z1 - c2 * z2;
            var o = v - 2 * z1 + z2;
            z2 = z1;
            z1 = v;
            sum += o * o;
        }
        s[0] = x1; s[1] = x2; s[2] = y1; s[3] = y2; s[4] = z1; s[5] = z2;
        squares = sq;
        peak = pk;
        return sum;
    }

    /// <summary>Both channels in one loop: two independent filter chains keep the CPU's pipelines busy.</summary>
    private double FilterStereo(ReadOnlySpan<float> segment)
    {
        var l = _state.AsSpan(0, 6);
        var r = _state.AsSpan(6, 6);
        double lx1 = l[0], lx2 = l[1], ly1 = l[2], ly2 = l[3], lz1 = l[4], lz2 = l[5];
        double rx1 = r[0], rx2 = r[1], ry1 = r[2], ry2 = r[3], rz1 = r[4], rz2 = r[5];
        double b0 = _k.B0, b1 = _k.B1, b2 = _k.B2, a1 = _k.A1, a2 = _k.A2, c1 = _k.C1, c2 = _k.C2;
        double sumL = 0, sumR = 0, sq = 0;
        float pk = _samplePeak;
        for (var i = 0; i + 1 < segment.Length; i += 2)
        {
            double xl = segment[i], xr = segment[i + 1];
            sq += xl * xl + xr * xr;
            pk = MathF.Max(pk, MathF.Max(MathF.Abs(segment[i]), MathF.Abs(segment[i + 1])));

            var yl = b0 * xl + b1 * lx1 + b2 * lx2 - a1 * ly1 - a2 * ly2;
            var yr = b0 * xr + b1 * rx1 + b2 * rx2 - a1 * ry1 - a2 * ry2;
            lx2 = lx1; lx1 = xl; ly2 = ly1; ly1 = yl;
            rx2 = rx1; rx1 = xr; ry2 = ry1; ry1 = yr;
            var vl = yl - c1 * lz1 - c2 * lz2;
            var vr = yr - c1 * rz1 - c2 * rz2;
            var ol = vl - 2 * lz1 + lz2;
            var or = vr - 2 * rz1 + rz2;
            lz2 = lz1; lz1 = vl;
            rz2 = rz1; rz1 = vr;
            sumL += ol * ol;
            sumR += or * or;
        }
        l[0] = lx1; l[1] = lx2; l[2] = ly1; l[3] = ly2; l[4] = lz1; l[5] = lz2;
        r[0] = rx1; r[1] = rx2; r[2] = ry1; r[3] = ry2; r[4] = rz1; r[5] = rz2;
        _sumSquares += sq;
        _samplePeak = pk;
        return _weights[0] * sumL + _weights[1] * sumR;
    }

    private void CloseSubBlock()
    {
        _subBlocks[_subBlocksDone % _subBlocks.Length] = _subAccumulator / _subBlockLength;
        _subBlocksDone++;
        _subAccumulator = 0;
        _subCount = 0;
        if (_subBlocksDone >= 4)
            _momentary.Add(MeanOfLast(4));
        if (_subBlocksDone >= 30)
            _shortTerm.Add(MeanOfLast(30));
    }

    private double MeanOfLast(int count)
    {
        double sum = 0;
        for (var i = 1; i <= count; i++)
            sum += _subBlocks[(_subBlocksDone - i) % _subBlocks.Length];
        return sum / count;
    }

    public LoudnessResult GetResult()
    {
        var totalSamples = (double)_frames * _channels;
        var rms = totalSamples > 0 ? Math.Sqrt(_sumSquares / totalSamples) : 0;
        return new LoudnessResult(
            IntegratedLoudness(_momentary),
            LoudnessRange(_shortTerm),
            ToDb(_truePeak.PeakLinear),
            ToDb(_samplePeak),
            ToDb(rms));
    }

    internal static double IntegratedLoudness(List<double> blocks)
    {
        var absGate = ToEnergy(AbsoluteGateLufs);
        double sum = 0;
        var count = 0;
        foreach (var e in blocks)
            if (e > absGate)
            {
                sum += e;
                count++;
            }
        if (count == 0)
            return double.NegativeInfinity;
        var relGate = sum / count * Math.Pow(10, -10.0 / 10);
        sum = 0;
        count = 0;
        foreach (var e in blocks)
            if (e > absGate && e > relGate)
            {
                sum += e;
                count++;
            }
        return count == 0 ? double.NegativeInfinity : ToLufs(sum / count);
    }

    internal static double LoudnessRange(List<double> shortTerm)
    {
        var absGate = ToEnergy(AbsoluteGateLufs);
        double sum = 0;
        var count = 0;
        foreach (var e in shortTerm)
            if (e > absGate)
            {
                sum += e;
                count++;
            }
        if (count == 0)
            return 0;
        var relGate = sum / count * Math.Pow(10, -20.0 / 10);
        var kept = new List<double>(count);
        foreach (var e in shortTerm)
            if (e > absGate && e > relGate)
                kept.Add(ToLufs(e));
        if (kept.Count == 0)
            return 0;
        kept.Sort();
        var low = kept[(int)((kept.Count - 1) * 0.10 + 0.5)];
        var high = kept[(int)((kept.Count - 1) * 0.95 + 0.5)];
        return high - low;
    }

    private static double[] ChannelWeights(int channels)
    {
        var w = new double[channels];
        Array.Fill(w, 1.0);
        if (channels == 6)
        {
            // ffmpeg's 5.1 order: FL FR FC LFE BL/SL BR/SR.
            w[3] = 0;
            w[4] = 1.41;
            w[5] = 1.41;
        }
        return w;
    }

    private static double ToEnergy(double lufs) => Math.Pow(10, (lufs + 0.691) / 10);
    private static double ToLufs(double energy) => -0.691 + 10 * Math.Log10(energy);
    internal static double ToDb(double linear) => linear > 0 ? 20 * Math.Log10(linear) : double.NegativeInfinity;
}
