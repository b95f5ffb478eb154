using AudioPlatform.Engine.Framing;

namespace AudioPlatform.Engine.Display;

/// <summary>Min/max pairs of the mono analysis signal for drawing a waveform; pair i covers <see cref="SecondsPerPoint"/> seconds.</summary>
public sealed record WaveformPeaks(float[] Min, float[] Max, double SecondsPerPoint);

/// <summary>
/// Builds waveform peaks without knowing the length in advance: it keeps between N and 2N buckets and, when
/// full, merges neighbours and doubles the bucket size, so memory is fixed (2N pairs) for any duration.
/// </summary>
public sealed class WaveformPeaksBuilder : ISampleConsumer
{
    private readonly int _points;
    private readonly float[] _min;
    private readonly float[] _max;
    private int _buckets;
    private long _bucketSize = 1;
    private long _inBucket;
    private long _samples;

    public WaveformPeaksBuilder(int points = 2000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 1);
        _points = points;
        _min = new float[points * 2];
        _max = new float[points * 2];
    }

    public void Consume(ReadOnlySpan<float> samples)
    {
        var i = 0;
        while (i < samples.Length)
        {
            if (_inBucket == 0)
            {
                if (_buckets == _min.Length)
                    Halve();
                _min[_buckets] = float.MaxValue;
                _max[_buckets] = float.MinValue;
                _buckets++;
            }
            var b = _buckets - 1;
            var take = (int)Math.Min(samples.Length - i, _bucketSize - _inBucket);
            float lo = _min[b], hi = _max[b];
            foreach (var s in samples.Slice(i, take))
            {
                if (s < lo)
                    lo = s;
                if (s > hi)
                    hi = s;
            }
            _min[b] = lo;
            _max[b] = hi;
            i += take;
            _inBucket += take;
            _samples += take;
            if (_inBucket == _bucketSize)
                _inBucket = 0;
        }
    }

    private void Halve()
    {
        for (var j = 0; j < _buckets / 2; j++)
        {
            _min[j] = Math.Min(_min[2 * j], _min[2 * j + 1]);
            _max[j] = Math.Max(_max[2 * j], _max[2 * j + 1]);
        }
        _buckets /= 2;
        _bucketSize *= 2;
    }

    /// <summary>Exactly min(points, samples) pairs, each grouping whole buckets.</summary>
    public WaveformPeaks Build()
    {
        var count = (int)Math.Min(_points, _samples);
        var min = new float[count];
        var max = new float[count];
        for (var p = 0; p < count; p++)
        {
            var from = (int)((long)p * _buckets / count);
            var to = Math.Max(from + 1, (int)((long)(p + 1) * _buckets / count));
            float lo = float.MaxValue, hi = float.MinValue;
            for (var b = from; b < to && b < _buckets; b++)
            {
                lo = Math.Min(lo, _min[b]);
                hi = Math.Max(hi, _max[b]);
            }
            min[p] = lo;
            max[p] = hi;
        }
        var seconds = count == 0 ? 0 : (double)_samples / FrameSettings.SampleRate / count;
        return new WaveformPeaks(min, max, seconds);
    }
}
