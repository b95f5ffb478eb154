using AudioPlatform.Engine.Framing;

namespace AudioPlatform.Engine.Tonal;

/// <summary>
/// Pitch-class profile per frame from spectral peaks. Each peak's frequency is refined by parabolic interpolation
/// and mapped onto a 36-bin (third-of-a-semitone) circle, so the reference tuning can be estimated afterwards and
/// the key summary folded around it. Per frame it keeps 12 bytes: the A440 chroma of peaks above 260 Hz (chords and
/// melody without the bass line, for beat-synchronous harmony), normalised to its maximum: about 3.7 MB for two
/// hours. Peaks below 250 Hz also feed a separate bass profile; the mean and deviation cover all peaks.
/// </summary>
public sealed class ChromaBuilder(KeyProfileOptions? keyOptions = null) : IFrameConsumer
{
    private readonly KeyProfileOptions _key = keyOptions ?? KeyProfileOptions.Default;

    public const int Bins = 12;
    private const int FineBins = 36;
    private const double MinHz = 50;
    private const double MaxHz = 5000;
    private const double BassMaxHz = 250;
    private const double TrebleMinHz = 260;
    private const double HighWeightStartHz = 2000;
    /// <summary>Peaks quieter than this fraction of the frame's loudest peak (−50 dB) are ignored.</summary>
    private const float PeakFloor = 0.00316f;
    private const float SilentFrameMagnitude = 1e-3f;

    private static readonly int FirstBin = (int)Math.Ceiling(MinHz / BinHz);
    private static readonly int LastBin = Math.Min(FrameSettings.BinCount - 2, (int)Math.Floor(MaxHz / BinHz));
    private static double BinHz => (double)FrameSettings.SampleRate / FrameSettings.FftSize;

    private readonly double[] _fine = new double[FineBins];
    private readonly double[] _bassFine = new double[FineBins];
    private readonly double[] _sum = new double[Bins];
    private readonly double[] _sumSquares = new double[Bins];
    private readonly float[] _frameFine = new float[FineBins];
    private readonly float[] _trebleFine = new float[FineBins];
    private readonly float[] _frame = new float[Bins];
    private readonly float[] _treble = new float[Bins];
    private readonly List<byte[]> _chunks = [];
    private readonly double[] _keyPeakFrequencies = new double[FrameSettings.BinCount / 2];
    private readonly float[] _keyPeakMagnitudes = new float[FrameSettings.BinCount / 2];
    private int _keyPeakCount;
    private readonly SpectralWhitening _whitening = new(keyOptions?.MaxHz ?? KeyProfileOptions.Default.MaxHz);
    private readonly double[] _harmonicWeights = HarmonicWeights(keyOptions ?? KeyProfileOptions.Default);

    /// <summary>How much a peak counts towards the pitch class of the fundamental it would be harmonic h of (h = 1 first).</summary>
    private static double[] HarmonicWeights(KeyProfileOptions options)
    {
        var weights = new double[Math.Max(1, options.Harmonics)];
        var weight = 1.0;
        for (var h = 1; h <= weights.Length; h++, weight *= options.HarmonicDecay) weights[h - 1] = weight;
        if (!options.OctaveHarmonicWeights) return weights;

        // Essentia's HPCP: harmonic h counts 1 up to two octaves above its fundamental and 2 / octaves beyond; the
        // harmonics of one pitch class (h = 1, 2, 4: the note itself) are summed first and then squared with the energy.
        // So a peak counts 9 for its own pitch class, 1 for the fifth below (h = 3) and 0.74 for the third below (h = 5):
        // the third partial of a note strengthens the note a little, without moving much weight a fifth down.
        Array.Clear(weights);
        for (var h = 1; h <= weights.Length; h++)
        {
            var octaves = Math.Log2(h);
            var first = h;
            while (first % 2 == 0) first /= 2;
            weights[first - 1] += 1 / Math.Max(1, octaves / 2);
        }
        if (options.Energy) for (var i = 0; i < weights.Length; i++) weights[i] *= weights[i];
        return weights;
    }

    private const int ChunkFrames = 4096;

    public int FrameCount { get; private set; }

    public void Consume(int frameIndex, ReadOnlySpan<float> samples, ReadOnlySpan<float> magnitudes)
    {
        while (FrameCount < frameIndex) Store(default, default);

        var max = 0f;
        for (var k = FirstBin; k <= LastBin; k++) if (magnitudes[k] > max) max = magnitudes[k];
        Array.Clear(_frameFine);
        Array.Clear(_trebleFine);
        if (max >= SilentFrameMagnitude)
        {
            var floor = max * PeakFloor;
            for (var k = FirstBin; k <= LastBin; k++)
            {
                var m = magnitudes[k];
                if (m < floor || m <= magnitudes[k - 1] || m < magnitudes[k + 1]) continue;
                var alpha = MathF.Log(magnitudes[k - 1] + 1e-9f);
                var beta = MathF.Log(m + 1e-9f);
                var gamma = MathF.Log(magnitudes[k + 1] + 1e-9f);
                var curvature = alpha - 2 * beta + gamma;
                var delta = curvature < 0 ? Math.Clamp(0.5f * (alpha - gamma) / curvature, -0.5f, 0.5f) : 0f;
                var frequency = (k + delta) * BinHz;
                var weight = MathF.Log(1f + m);
                if (frequency > HighWeightStartHz) weight *= 0.5f;
                // Position on the 36-bin circle, 0 = C at A440 tuning.
                var position = 3 * (12 * Math.Log2(frequency / 440.0) + 9);
                position -= FineBins * Math.Floor(position / FineBins);
                var lower = (int)position;
                var fraction = (float)(position - lower);
                var upper = lower + 1 == FineBins ? 0 : lower + 1;
                _frameFine[lower] += weight * (1 - fraction);
                _frameFine[upper] += weight * fraction;
                if (frequency <= _key.MaxHz && _keyPeakCount < _keyPeakFrequencies.Length)
                {
                    _keyPeakFrequencies[_keyPeakCount] = frequency;
                    _keyPeakMagnitudes[_keyPeakCount++] = m;
                }
                if (frequency >= TrebleMinHz)
                {
                    _trebleFine[lower] += weight * (1 - fraction);
                    _trebleFine[upper] += weight * fraction;
                }
                if (frequency <= BassMaxHz)
                {
                    _bassFine[lower] += weight * (1 - fraction);
                    _bassFine[upper] += weight * fraction;
                }
            }
        }
        if (_keyPeakCount > 0 && frameIndex % _key.FrameStride == 0) AddFrameToKeyProfile(magnitudes);
        _keyPeakCount = 0;
        Fold(_frameFine, 0, _frame);
        Fold(_trebleFine, 0, _treble);
        Store(_frame, _treble);
    }

    /// <summary>
    /// Adds one frame's peaks (those up to <see cref="KeyProfileOptions.MaxHz"/>) to the key's profile: the strongest
    /// <see cref="KeyProfileOptions.MaxPeaks"/>, each weighted as <see cref="KeyProfileOptions.Weighting"/> says.
    /// </summary>
    private void AddFrameToKeyProfile(ReadOnlySpan<float> magnitudes)
    {
        var count = _keyPeakCount;
        if (_key.MaxPeaks > 0 && count > _key.MaxPeaks)
        {
            // Strongest first (a partial sort would do; a frame has a few hundred peaks at most).
            Array.Sort(_keyPeakMagnitudes, _keyPeakFrequencies, 0, count);
            Array.Reverse(_keyPeakMagnitudes, 0, count);
            Array.Reverse(_keyPeakFrequencies, 0, count);
            count = _key.MaxPeaks;
        }
        if (_key.Weighting == PeakWeighting.Whitened) _whitening.Estimate(magnitudes);
        for (var i = 0; i < count; i++)
        {
            var frequency = _keyPeakFrequencies[i];
            var magnitude = _keyPeakMagnitudes[i];
            double weight = _key.Weighting switch
            {
                PeakWeighting.Magnitude => _key.MaxHz > 4000 && frequency > HighWeightStartHz ? 0.5 * magnitude : magnitude,
                PeakWeighting.Whitened => _whitening.Whiten(frequency, magnitude),
                _ => Math.Log(1 + magnitude) * (frequency > HighWeightStartHz ? 0.5 : 1),
            };
            if (_key.Energy) weight *= weight;
            AddToKeyProfile(frequency, weight);
        }
    }

    /// <summary>The key's profile: the peak's own pitch class and, with <see cref="KeyProfileOptions.Harmonics"/> above 1, its possible fundamentals'.</summary>
    private void AddToKeyProfile(double frequency, double weight)
    {
        for (var h = 1; h <= _key.Harmonics; h++)
        {
            var fundamental = frequency / h;
            if (fundamental < MinHz) break;
            var harmonicWeight = _harmonicWeights[h - 1];
            if (harmonicWeight == 0) continue; // merged into its pitch class's first harmonic (essentia's table)
            var position = 3 * (12 * Math.Log2(fundamental / 440.0) + 9);
            position -= FineBins * Math.Floor(position / FineBins);
            var lower = (int)position;
            var fraction = position - lower;
            var upper = lower + 1 == FineBins ? 0 : lower + 1;
            _fine[lower] += harmonicWeight * weight * (1 - fraction);
            _fine[upper] += harmonicWeight * weight * fraction;
        }
    }

    private void Store(ReadOnlySpan<float> chroma, ReadOnlySpan<float> treble)
    {
        var chunk = FrameCount / ChunkFrames;
        if (chunk == _chunks.Count) _chunks.Add(new byte[ChunkFrames * Bins]);
        var offset = FrameCount % ChunkFrames * Bins;
        var max = 0f;
        for (var i = 0; i < chroma.Length; i++) max = Math.Max(max, chroma[i]);
        if (max > 0)
        {
            for (var i = 0; i < Bins; i++)
            {
                var v = chroma[i] / max;
                _sum[i] += v;
                _sumSquares[i] += v * v;
            }
        }
        var trebleMax = 0f;
        for (var i = 0; i < treble.Length; i++) trebleMax = Math.Max(trebleMax, treble[i]);
        if (trebleMax > 0)
        {
            var target = _chunks[chunk];
            for (var i = 0; i < Bins; i++) target[offset + i] = (byte)MathF.Round(treble[i] / trebleMax * 255);
        }
        FrameCount++;
    }

    /// <summary>Mean of the per-frame chroma (each frame scaled to a maximum of 1), C first.</summary>
    public double[] Mean()
    {
        var result = new double[Bins];
        if (FrameCount == 0) return result;
        for (var i = 0; i < Bins; i++) result[i] = _sum[i] / FrameCount;
        return result;
    }

    /// <summary>Standard deviation of the per-frame chroma (each frame scaled to a maximum of 1), C first.</summary>
    public double[] StandardDeviation()
    {
        var result = new double[Bins];
        if (FrameCount == 0) return result;
        for (var i = 0; i < Bins; i++)
        {
            var mean = _sum[i] / FrameCount;
            result[i] = Math.Sqrt(Math.Max(0, _sumSquares[i] / FrameCount - mean * mean));
        }
        return result;
    }

    /// <summary>The treble chroma of one frame: peaks above 260 Hz, A440 tuning, maximum 1.</summary>
    public void Frame(int frameIndex, Span<float> destination)
    {
        var chunk = _chunks[frameIndex / ChunkFrames];
        var offset = frameIndex % ChunkFrames * Bins;
        for (var i = 0; i < Bins; i++) destination[i] = chunk[offset + i] / 255f;
    }

    /// <summary>Deviation of the reference tuning from A440 in cents, to the nearest third of a semitone (−33, 0 or +33).</summary>
    public int TuningCents => TuningOffset(_fine) * 33;

    /// <summary>The whole track's key profile, folded around the estimated tuning or at A440 (<see cref="KeyProfileOptions.EstimateTuning"/>); C first.</summary>
    public double[] TunedProfile() => FoldTuned(_fine);

    /// <summary>The pitch-class energy of peaks below 250 Hz, folded as <see cref="TunedProfile"/>; C first.</summary>
    public double[] TunedBassProfile() => FoldTuned(_bassFine);

    private double[] FoldTuned(double[] fine)
    {
        var offset = _key.EstimateTuning ? TuningOffset(_fine) : 0;
        var source = new float[FineBins];
        for (var i = 0; i < FineBins; i++) source[i] = (float)fine[i];
        var folded = new float[Bins];
        Fold(source, offset, folded);
        var result = new double[Bins];
        for (var i = 0; i < Bins; i++) result[i] = folded[i];
        return result;
    }

    private static int TuningOffset(double[] fine)
    {
        Span<double> phase = stackalloc double[3];
        for (var i = 0; i < FineBins; i++) phase[i % 3] += fine[i];
        var best = 0;
        for (var p = 1; p < 3; p++) if (phase[p] > phase[best]) best = p;
        return best == 2 ? -1 : best;
    }

    /// <summary>Folds 36 bins to 12 around sub-bin <paramref name="offset"/> (−1, 0 or 1): the centre bin counts fully, its neighbours half.</summary>
    private static void Fold(ReadOnlySpan<float> fine, int offset, Span<float> chroma)
    {
        for (var pc = 0; pc < Bins; pc++)
        {
            var centre = (3 * pc + offset + FineBins) % FineBins;
            var below = (centre + FineBins - 1) % FineBins;
            var above = (centre + 1) % FineBins;
            chroma[pc] = fine[centre] + 0.5f * (fine[below] + fine[above]);
        }
    }
}
