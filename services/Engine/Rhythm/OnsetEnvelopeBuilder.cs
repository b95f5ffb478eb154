using AudioPlatform.Engine.Framing;

namespace AudioPlatform.Engine.Rhythm;

/// <summary>
/// Builds the onset-strength envelope: log-compressed spectral flux over mel bands, one value per frame
/// (at <see cref="FrameSettings.FrameRate"/>). Keeps four floats per frame (full-band flux and the mean flux of
/// the low, mid and high bands), about 5 MB for two hours of audio.
/// </summary>
public sealed class OnsetEnvelopeBuilder : IFrameConsumer
{
    private const int BandCount = 40;
    private const double MinHz = 30;
    private const double MaxHz = 10000;
    private const double LowBandMaxHz = 200;
    private const double HighBandMinHz = 4000;

    private static readonly MelBands Bands = MelBands.Create(BandCount, MinHz, MaxHz);

    private readonly float[] _previous = new float[BandCount];
    private readonly float[] _current = new float[BandCount];
    private readonly FloatList _full = new();
    private readonly FloatList _low = new();
    private readonly FloatList _mid = new();
    private readonly FloatList _high = new();
    private static readonly int LowBands = CountBands(c => c <= LowBandMaxHz);
    private static readonly int HighBands = CountBands(c => c >= HighBandMinHz);
    private static readonly int MidBands = BandCount - LowBands - HighBands;
    private bool _hasPrevious;
    private double _fluxSum;
    private double _levelSum;

    private static int CountBands(Func<double, bool> predicate)
    {
        var count = 0;
        for (var b = 0; b < BandCount; b++) if (predicate(Bands.Centre(b))) count++;
        return count;
    }

    public int FrameCount => _full.Count;

    public void Consume(int frameIndex, ReadOnlySpan<float> samples, ReadOnlySpan<float> magnitudes)
    {
        Bands.Apply(magnitudes, _current);
        float full = 0, low = 0, mid = 0, high = 0, level = 0;
        for (var b = 0; b < BandCount; b++)
        {
            var value = MathF.Log(1f + _current[b]);
            _current[b] = value;
            level += value;
            if (!_hasPrevious) continue;
            var rise = value - _previous[b];
            if (rise <= 0) continue;
            full += rise;
            if (Bands.Centre(b) <= LowBandMaxHz) low += rise;
            else if (Bands.Centre(b) >= HighBandMinHz) high += rise;
            else mid += rise;
        }
        _current.AsSpan().CopyTo(_previous);
        _hasPrevious = true;
        _fluxSum += full;
        _levelSum += level;

        // Frames normally arrive in order; a gap (never expected) is filled with silence so indices stay aligned.
        while (_full.Count < frameIndex)
        {
            _full.Add(0); _low.Add(0); _mid.Add(0); _high.Add(0);
        }
        _full.Add(full);
        _low.Add(low / LowBands);
        _mid.Add(mid / MidBands);
        _high.Add(high / HighBands);
    }

    /// <summary>
    /// How much the spectrum rises from frame to frame for its level: the mean full-band flux over the mean summed
    /// log band magnitude (0 for silence). Notes and drums make it large; a steady tone or a drone, whose
    /// normalised envelope is only its tiny ripple scaled up, makes it small.
    /// </summary>
    public double RelativeFlux => _levelSum > 0 ? _fluxSum / _levelSum : 0;

    /// <summary>Raw full-band flux per frame.</summary>
    public float[] RawFlux() => _full.ToArray();

    /// <summary>
    /// The onset-strength envelope at <see cref="FrameSettings.FrameRate"/>: full-band flux with its local mean
    /// (about half a second) removed, half-wave rectified and scaled to unit standard deviation.
    /// </summary>
    public float[] GetEnvelope() => Normalise(_full.ToArray());

    /// <summary>The same envelope restricted to bands below 200 Hz (kick drum and bass).</summary>
    public float[] GetLowEnvelope() => Normalise(_low.ToArray());

    /// <summary>The same envelope restricted to bands between 200 Hz and 4 kHz (snare body, chords, melody).</summary>
    public float[] GetMidEnvelope() => Normalise(_mid.ToArray());

    /// <summary>The same envelope restricted to bands above 4 kHz (hi-hats, cymbals, snare brightness).</summary>
    public float[] GetHighEnvelope() => Normalise(_high.ToArray());

    /// <summary>
    /// The low, mid and high envelopes with a weight each: 1 for a band carrying at least 5 % of the busiest band's
    /// mean flux, 0 for one that is nearly silent (its normalised envelope would only be amplified noise).
    /// </summary>
    public IReadOnlyList<(float[] Envelope, double Weight)> GetBandEnvelopes()
    {
        var raw = new[] { _low.ToArray(), _mid.ToArray(), _high.ToArray() };
        var means = new double[raw.Length];
        for (var b = 0; b < raw.Length; b++)
        {
            double sum = 0;
            foreach (var v in raw[b]) sum += v;
            means[b] = raw[b].Length == 0 ? 0 : sum / raw[b].Length;
        }
        var busiest = Math.Max(means[0], Math.Max(means[1], means[2]));
        var result = new List<(float[], double)>(raw.Length);
        for (var b = 0; b < raw.Length; b++) result.Add((Normalise(raw[b]), busiest > 0 && means[b] >= 0.05 * busiest ? 1 : 0));
        return result;
    }

    internal static float[] Normalise(float[] flux)
    {
        var n = flux.Length;
        var result = new float[n];
        if (n == 0) return result;
        var half = (int)Math.Round(0.25 * FrameSettings.FrameRate);
        double window = 0;
        int lo = 0, hi = -1;
        for (var i = 0; i < n; i++)
        {
            var wantHi = Math.Min(n - 1, i + half);
            var wantLo = Math.Max(0, i - half);
            while (hi < wantHi) window += flux[++hi];
            while (lo < wantLo) window -= flux[lo++];
            var mean = window / (hi - lo + 1);
            result[i] = (float)Math.Max(0, flux[i] - mean);
        }
        double sum = 0, sumSq = 0;
        for (var i = 0; i < n; i++) { sum += result[i]; sumSq += result[i] * (double)result[i]; }
        var m = sum / n;
        var std = Math.Sqrt(Math.Max(0, sumSq / n - m * m));
        if (std < 1e-9) return result;
        var scale = (float)(1 / std);
        for (var i = 0; i < n; i++) result[i] *= scale;
        return result;
    }
}

/// <summary>A growable float buffer in fixed-size chunks, so a long upload never needs one huge reallocation.</summary>
internal sealed class FloatList
{
    private const int ChunkSize = 16384;
    private readonly List<float[]> _chunks = [];

    public int Count { get; private set; }

    public void Add(float value)
    {
        var chunk = Count / ChunkSize;
        if (chunk == _chunks.Count) _chunks.Add(new float[ChunkSize]);
        _chunks[chunk][Count % ChunkSize] = value;
        Count++;
    }

    public float[] ToArray()
    {
        var result = new float[Count];
        for (var c = 0; c < _chunks.Count; c++)
        {
            var start = c * ChunkSize;
            var length = Math.Min(ChunkSize, Count - start);
            if (length <= 0) break;
            Array.Copy(_chunks[c], 0, result, start, length);
        }
        return result;
    }
}

/// <summary>Triangular mel filters stored sparsely: each band keeps its first bin and its weights.</summary>
internal sealed class MelBands
{
    private readonly int[] _firstBin;
    private readonly float[][] _weights;
    private readonly double[] _centres;

    private MelBands(int[] firstBin, float[][] weights, double[] centres)
    {
        _firstBin = firstBin;
        _weights = weights;
        _centres = centres;
    }

    public double Centre(int band) => _centres[band];

    public static MelBands Create(int count, double minHz, double maxHz)
    {
        static double ToMel(double hz) => 2595 * Math.Log10(1 + hz / 700);
        static double FromMel(double mel) => 700 * (Math.Pow(10, mel / 2595) - 1);
        var edges = new double[count + 2];
        var melLo = ToMel(minHz);
        var melHi = ToMel(maxHz);
        for (var i = 0; i < edges.Length; i++) edges[i] = FromMel(melLo + (melHi - melLo) * i / (count + 1));
        var firstBin = new int[count];
        var weights = new float[count][];
        var centres = new double[count];
        var binHz = (double)FrameSettings.SampleRate / FrameSettings.FftSize;
        for (var b = 0; b < count; b++)
        {
            double left = edges[b], centre = edges[b + 1], right = edges[b + 2];
            centres[b] = centre;
            var first = (int)Math.Ceiling(left / binHz);
            var last = Math.Min(FrameSettings.BinCount - 1, (int)Math.Floor(right / binHz));
            var list = new List<float>();
            for (var k = first; k <= last; k++)
            {
                var f = k * binHz;
                var w = f <= centre ? (f - left) / (centre - left) : (right - f) / (right - centre);
                list.Add((float)Math.Max(0, w));
            }
            // Low bands can be narrower than one bin: give them the nearest bin so none is empty.
            if (list.Count == 0)
            {
                first = (int)Math.Round(centre / binHz);
                list.Add(1f);
            }
            firstBin[b] = first;
            weights[b] = [.. list];
        }
        return new MelBands(firstBin, weights, centres);
    }

    public void Apply(ReadOnlySpan<float> magnitudes, Span<float> bands)
    {
        for (var b = 0; b < _weights.Length; b++)
        {
            var w = _weights[b];
            var first = _firstBin[b];
            float sum = 0;
            for (var i = 0; i < w.Length; i++) sum += w[i] * magnitudes[first + i];
            bands[b] = sum;
        }
    }
}
