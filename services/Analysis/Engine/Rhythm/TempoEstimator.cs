using AudioPlatform.Analysis.Engine.Framing;

namespace AudioPlatform.Analysis.Engine.Rhythm;

/// <summary>
/// Tempo from the onset envelopes. The autocorrelations of the low, mid and high band envelopes and of the full-band
/// envelope are averaged (so a subdivision played by one instrument, such as off-beat hi-hats, weighs less than a
/// pulse all bands share, while a beat carried by alternating instruments, kick then side stick, still counts)
/// and searched for the strongest period
/// between 40 and 240 BPM; the metrical level is then moved to the fastest pulse that is still nearly as strong
/// (a regularly accented pulse is the one listeners tap; weaker in-between onsets such as off-beat hi-hats are
/// a subdivision). The precise value comes from the tracked beats (<see cref="RefineFromBeats"/>).
/// </summary>
public static class TempoEstimator
{
    public const double MinBpm = 40;
    public const double MaxBpm = 240;

    /// <summary>How strong a pulse at half the period must be, relative to the current level, to be taken as the beat.</summary>
    internal const double HalfLevelRatio = 0.6;

    /// <summary>
    /// The same for a third of the period. Lower, because a bar of three with one accent (a waltz kick) correlates
    /// strongly at the bar while beats two and three are lighter; a triple subdivision rarely reaches it.
    /// </summary>
    internal const double ThirdLevelRatio = 0.5;

    /// <summary>
    /// Above this tempo a faster level must be clearly stronger (<see cref="FastLevelRatio"/>): listeners rarely
    /// tap faster than about 200 BPM and take the slower level instead (Moelants 2002; McKinney and Moelants 2006).
    /// </summary>
    internal const double FastTempoBpm = 200;

    internal const double FastLevelRatio = 0.75;

    /// <summary>The tempo of the onsets alone (before beat tracking refines it).</summary>
    public static TempoEstimate Estimate(OnsetEnvelopeBuilder onsets)
    {
        var frameRate = FrameSettings.FrameRate;
        var period = EstimatePeriod(Autocorrelation(onsets), frameRate, out var confidence, out var alternativePeriod);
        if (period <= 0) return TempoEstimate.None;
        return new TempoEstimate(60 * frameRate / period, confidence, 60 * frameRate / alternativePeriod);
    }

    /// <summary>
    /// The weighted mean of the band envelopes' and the full-band envelope's autocorrelations, up to three times
    /// the slowest beat period.
    /// </summary>
    internal static double[] Autocorrelation(OnsetEnvelopeBuilder onsets)
    {
        var lags = (int)Math.Ceiling(60 * FrameSettings.FrameRate / MinBpm * 3) + 2;
        double[]? sum = null;
        double weights = 0;
        foreach (var (envelope, weight) in onsets.GetBandEnvelopes().Append((onsets.GetEnvelope(), 1.0)))
        {
            if (weight <= 0) continue;
            var acf = Autocorrelation(envelope, lags);
            if (acf.Length == 0 || acf[0] <= 0) continue;
            sum ??= new double[acf.Length];
            for (var i = 0; i < acf.Length; i++) sum[i] += weight * acf[i];
            weights += weight;
        }
        if (sum is null) return [];
        for (var i = 0; i < sum.Length; i++) sum[i] /= weights;
        return sum;
    }

    /// <summary>The beat period in frames (fractional) from an autocorrelation, or 0 if there is no periodicity.</summary>
    internal static double EstimatePeriod(double[] acf, double frameRate, out double confidence, out double alternativePeriod)
    {
        confidence = 0;
        alternativePeriod = 0;
        var minLag = 60 * frameRate / MaxBpm;
        var maxLag = 60 * frameRate / MinBpm;
        if (acf.Length < (int)maxLag + 2) return 0;

        // Strongest peak of the autocorrelation in the tempo range, using integer lags then a parabolic refinement.
        var best = -1;
        var bestValue = double.NegativeInfinity;
        for (var lag = (int)Math.Ceiling(minLag); lag <= (int)Math.Floor(maxLag) && lag < acf.Length - 1; lag++)
        {
            if (acf[lag] < acf[lag - 1] || acf[lag] < acf[lag + 1]) continue;
            if (acf[lag] > bestValue) { bestValue = acf[lag]; best = lag; }
        }
        if (best < 0 || bestValue <= 0) return 0;
        var period = RefinePeak(acf, best);

        // Move to a faster level (half or third of the period) while that pulse is nearly as strong.
        while (true)
        {
            var strength = Strength(acf, period);
            var half = period / 2;
            var third = period / 3;
            var halfStrength = half >= minLag ? Strength(acf, half) : double.NegativeInfinity;
            var thirdStrength = third >= minLag ? Strength(acf, third) : double.NegativeInfinity;
            var halfRatio = 60 * frameRate / half > FastTempoBpm ? FastLevelRatio : HalfLevelRatio;
            var thirdRatio = 60 * frameRate / third > FastTempoBpm ? FastLevelRatio : ThirdLevelRatio;
            if (halfStrength >= halfRatio * strength && halfStrength >= thirdStrength) period = PeakNear(acf, half);
            else if (thirdStrength >= thirdRatio * strength) period = PeakNear(acf, third);
            else break;
        }

        confidence = Math.Clamp(Strength(acf, period), 0, 1);
        var doubleStrength = period * 2 <= acf.Length - 2 ? Strength(acf, period * 2) : double.NegativeInfinity;
        var halfLevel = Strength(acf, period / 2);
        alternativePeriod = halfLevel > doubleStrength * HalfLevelRatio ? period / 2 : period * 2;
        return period;
    }

    /// <summary>
    /// The tempo implied by tracked beats: a least-squares line through beat times against beat numbers, where
    /// a skipped beat advances the number by the rounded gap. Returns <paramref name="fallbackBpm"/> with fewer than 4 beats.
    /// </summary>
    public static double RefineFromBeats(IReadOnlyList<double> beatTimes, double fallbackBpm)
    {
        if (beatTimes.Count < 4 || fallbackBpm <= 0) return fallbackBpm;
        var gaps = new double[beatTimes.Count - 1];
        for (var i = 1; i < beatTimes.Count; i++) gaps[i - 1] = beatTimes[i] - beatTimes[i - 1];
        Array.Sort(gaps);
        var median = gaps[gaps.Length / 2];
        if (median <= 0) return fallbackBpm;
        double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        double index = 0;
        for (var i = 0; i < beatTimes.Count; i++)
        {
            if (i > 0) index += Math.Max(1, Math.Round((beatTimes[i] - beatTimes[i - 1]) / median));
            n++; sx += index; sy += beatTimes[i]; sxx += index * index; sxy += index * beatTimes[i];
        }
        var denominator = n * sxx - sx * sx;
        if (denominator <= 0) return fallbackBpm;
        var slope = (n * sxy - sx * sy) / denominator;
        if (slope <= 0) return fallbackBpm;
        var refined = 60 / slope;
        // The beats follow the estimated period; a refinement far from it means the tracker lost the beat.
        return Math.Abs(refined / fallbackBpm - 1) < 0.08 ? refined : fallbackBpm;
    }

    /// <summary>Autocorrelation of the mean-removed envelope, unbiased and normalised so lag 0 is 1.</summary>
    internal static double[] Autocorrelation(ReadOnlySpan<float> envelope, int lags)
    {
        var n = envelope.Length;
        lags = Math.Min(lags, n / 2);
        if (lags <= 1) return [];
        double mean = 0;
        for (var i = 0; i < n; i++) mean += envelope[i];
        mean /= n;
        var centred = new float[n];
        for (var i = 0; i < n; i++) centred[i] = (float)(envelope[i] - mean);
        var acf = new double[lags];
        for (var lag = 0; lag < lags; lag++)
        {
            var a = centred.AsSpan(0, n - lag);
            var b = centred.AsSpan(lag, n - lag);
            double sum = 0;
            for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
            acf[lag] = sum / (n - lag);
        }
        var zero = acf[0];
        if (zero <= 0) return acf;
        for (var lag = 0; lag < lags; lag++) acf[lag] /= zero;
        return acf;
    }

    /// <summary>The autocorrelation peak value within ±4 % of a (fractional) lag.</summary>
    internal static double Strength(double[] acf, double lag)
    {
        var lo = Math.Max(1, (int)Math.Floor(lag * 0.96));
        var hi = Math.Min(acf.Length - 1, (int)Math.Ceiling(lag * 1.04));
        var best = double.NegativeInfinity;
        for (var i = lo; i <= hi; i++) best = Math.Max(best, acf[i]);
        return best;
    }

    private static double PeakNear(double[] acf, double lag)
    {
        var lo = Math.Max(1, (int)Math.Floor(lag * 0.96));
        var hi = Math.Min(acf.Length - 2, (int)Math.Ceiling(lag * 1.04));
        var best = -1;
        for (var i = lo; i <= hi; i++) if (best < 0 || acf[i] > acf[best]) best = i;
        return best < 0 ? lag : RefinePeak(acf, best);
    }

    private static double RefinePeak(double[] acf, int index)
    {
        if (index <= 0 || index >= acf.Length - 1) return index;
        double a = acf[index - 1], b = acf[index], c = acf[index + 1];
        var denominator = a - 2 * b + c;
        if (Math.Abs(denominator) < 1e-12) return index;
        var offset = 0.5 * (a - c) / denominator;
        return index + Math.Clamp(offset, -0.5, 0.5);
    }
}
