using AudioPlatform.Engine.Framing;

namespace AudioPlatform.Engine.Rhythm;

/// <summary>
/// Tempo from the onset envelopes. The autocorrelations of the low, mid and high band envelopes and of the full-band
/// envelope are averaged (so a subdivision played by one instrument, such as off-beat hi-hats, weighs less than a
/// pulse all bands share, while a beat carried by alternating instruments, kick then side stick, still counts), and
/// its strongest peak between 40 and 240 BPM fixes the metrical grid. Which level of that grid is the beat (a quarter,
/// the eighths, the half bar) is decided by <see cref="TempoModel"/> from the evidence at each level: periodicity at the
/// level, at twice and half of it (a beat has a subdivision, weaker than itself), in the low band alone, and a prior over
/// tapped tempo fitted on real recordings.
/// Audio without a pulse (silence, a drone, a sine, noise) gets no tempo and the reason. The precise value comes
/// from the tracked beats (<see cref="RefineFromBeats"/>).
/// </summary>
public static class TempoEstimator
{
    public const double MinBpm = 40;
    public const double MaxBpm = 240;

    /// <summary>The metrical levels considered around each strong period: the period itself and its simple multiples.</summary>
    private static readonly double[] LevelFactors = [1.0 / 4, 1.0 / 3, 1.0 / 2, 1, 2, 3, 4];

    /// <summary>
    /// Besides the strongest, every autocorrelation peak at least this strong relative to it seeds levels too: on real
    /// recordings the strongest period is often a dotted beat or a half bar of three (the beat is then ⅔ or ⅖ of it),
    /// which no multiple of it reaches.
    /// </summary>
    internal const double SecondaryPeakRatio = 0.3;

    /// <summary>How many peaks (strongest first) seed levels.</summary>
    private const int MaxSeedPeaks = 4;

    /// <summary>
    /// Below this <see cref="OnsetEnvelopeBuilder.RelativeFlux"/> the audio is a sustained sound, not notes or drums: the
    /// normalised envelope of a steady sine (0.0005–0.0035) or a chord drone (0.003–0.004) is its tiny ripple scaled up,
    /// and a ripple that repeats (the drone's reached an autocorrelation of 0.16 over 10 minutes) passed the pulse tests
    /// below as 103 BPM. The quietest-moving of the 239 dev and final clips is at 0.013, white noise at 0.014.
    /// </summary>
    internal const double MinRelativeFlux = 0.007;

    /// <summary>
    /// A pulse must correlate at least this much (normalised autocorrelation at the strongest period)…
    /// </summary>
    internal const double MinPulseStrength = 0.04;

    /// <summary>
    /// …and stand this many standard errors above what an envelope of the same length without any periodicity
    /// gives (the autocorrelation of white noise at a lag has a standard error of about 1/√n). On white noise the
    /// largest of the hundred or so lags searched reached 1.2 at 30 s, but 1.9 at 3 minutes and 4.2 at 10 (the
    /// envelope is not white: its strength stays at 0.02–0.03 however long it is, so on long audio
    /// <see cref="MinPulseStrength"/> is the test that holds noise out). Ambient clips with a faint pulse that three
    /// reference estimators agree on sit at 2.5 to 3.5 on 30 s (the gate was 3.5, and 0.05 above: two more dev clips
    /// now get their tempo right, colobot `music006` and warzone2100 `menu`).
    /// </summary>
    internal const double MinPulseZ = 2.5;

    /// <summary>
    /// Below this autocorrelation at half a level's period there is no subdivision to speak of: how much weaker it is
    /// says nothing more. A beat has a subdivision that is there but weaker than the beat; a level with none at all is
    /// usually the fastest pulse (the eighths, or the beat of a fast piece with nothing between its notes), one with a
    /// strong one is usually half the beat. The fit weighs the two sides of this line apart
    /// (<see cref="TempoEvidence.LogClearSubdivision"/>).
    /// </summary>
    internal const double ClearSubdivisionStrength = 0.1;

    /// <summary>A runner-up level at least this probable, relative to the chosen one, makes the tempo ambiguous.</summary>
    internal const double AmbiguousRatio = 0.5;

    public const string NoOnsetsReason = "The audio has no note or drum onsets to take a tempo from (silence, or a sustained sound).";
    public const string NoPulseReason = "The onsets do not repeat at a steady period, so there is no beat to count.";
    public const string TooShortReason = "The audio is too short to measure a tempo (at least 5 seconds are needed).";

    /// <summary>The tempo decision from the onset envelopes, before beat tracking refines the chosen period.</summary>
    public static TempoDecision Decide(OnsetEnvelopeBuilder onsets, double onsetRate, TempoModel? model = null)
    {
        if (onsets.FrameCount >= 5 * FrameSettings.FrameRate && onsets.RelativeFlux < MinRelativeFlux) return TempoDecision.None(NoOnsetsReason, 0);
        model ??= TempoModel.Fitted;
        var envelope = onsets.GetEnvelope();
        var bands = onsets.GetBandEnvelopes();
        var lowEnvelope = onsets.GetLowEnvelope();
        var acf = Autocorrelation(bands, envelope, 0, envelope.Length);
        var whole = Decide(acf, Autocorrelation(lowEnvelope, acf.Length), envelope, onsetRate, model);
        var window = (int)Math.Round(WindowSeconds * FrameSettings.FrameRate);
        // The pulse tests stay on the whole track: audio without a pulse over its whole length gets no tempo, however a
        // single window's chance periodicity looks; the whole decision is also the answer if no window has a pulse.
        if (envelope.Length < WholeTrackWindows * window || whole.Chosen is null) return whole;
        return DecideOverWindows(bands, envelope, lowEnvelope, window, model) ?? whole;
    }

    /// <summary>
    /// Long audio is decided window by window (<see cref="WindowSeconds"/>, half overlapping) and the windows vote: the
    /// octave decision was fitted on 30-s excerpts, and over a whole track one autocorrelation mixes the sections (an
    /// intro at half time, a bridge without drums, a tempo that drifts), where the levels of each window stay clear.
    /// </summary>
    internal const double WindowSeconds = 30;

    /// <summary>
    /// Audio up to this many windows long (a minute) is decided whole, exactly as the 30-s excerpts and the generated
    /// pieces the octave model was fitted on (their candidates carry the evidence a fit needs; a vote's do not).
    /// </summary>
    internal const double WholeTrackWindows = 2;

    /// <summary>
    /// Each window's levels vote with their probability; levels within 4 % of each other are one. A level's share is its
    /// summed probability over all the windows (a window without a pulse votes for nothing), so the chosen tempo is the
    /// level most likely the beat over the whole track and the alternative the next one. Null when no window has a pulse.
    /// </summary>
    private static TempoDecision? DecideOverWindows(IReadOnlyList<(float[] Envelope, double Weight)> bands, float[] envelope, float[] lowEnvelope,
        int window, TempoModel model)
    {
        var hop = window / 2;
        var count = 1 + (int)Math.Ceiling((envelope.Length - window) / (double)hop);
        var votes = new List<(double Bpm, double Weight)>();
        double clarity = 0;
        var voting = 0;
        for (var w = 0; w < count; w++)
        {
            // The last window ends with the audio, so the ending is covered like the rest.
            var start = Math.Min(w * hop, envelope.Length - window);
            var slice = envelope.AsSpan(start, window);
            var acf = Autocorrelation(bands, envelope, start, window);
            var low = Autocorrelation(lowEnvelope.AsSpan(start, window), acf.Length);
            var decision = Decide(acf, low, slice.ToArray(), OnsetRate.PerSecond(slice), model);
            if (decision.Chosen is null) continue;
            voting++;
            clarity += decision.PulseClarity;
            foreach (var level in decision.Levels) votes.Add((level.Bpm, level.Confidence));
        }
        if (voting == 0) return null;

        // Strongest votes first, each joins the level within 4 % of its running (probability-weighted geometric) mean, or starts one.
        var levels = new List<(double LogBpmSum, double Weight)>();
        foreach (var vote in votes.OrderByDescending(v => v.Weight))
        {
            var i = levels.FindIndex(l => Math.Abs(Math.Log(vote.Bpm) - l.LogBpmSum / l.Weight) < Math.Log(1.04));
            if (i < 0) levels.Add((vote.Weight * Math.Log(vote.Bpm), vote.Weight));
            else levels[i] = (levels[i].LogBpmSum + vote.Weight * Math.Log(vote.Bpm), levels[i].Weight + vote.Weight);
        }
        var ranked = new List<TempoCandidate>(levels.Count);
        foreach (var (logBpmSum, weight) in levels.OrderByDescending(l => l.Weight))
        {
            var bpm = Math.Exp(logBpmSum / weight);
            ranked.Add(new TempoCandidate(bpm, weight / count) { PeriodFrames = 60 * FrameSettings.FrameRate / bpm });
        }
        return new TempoDecision(ranked, clarity / voting, null);
    }

    /// <summary>
    /// The weighted mean of the band envelopes' and the full-band envelope's autocorrelations, up to four times
    /// the slowest beat period (the grid evidence looks at four periods).
    /// </summary>
    internal static double[] Autocorrelation(OnsetEnvelopeBuilder onsets)
    {
        var envelope = onsets.GetEnvelope();
        return Autocorrelation(onsets.GetBandEnvelopes(), envelope, 0, envelope.Length);
    }

    /// <summary>The same over <paramref name="length"/> frames from <paramref name="start"/>.</summary>
    private static double[] Autocorrelation(IReadOnlyList<(float[] Envelope, double Weight)> bands, float[] full, int start, int length)
    {
        var lags = MaxLag;
        double[]? sum = null;
        double weights = 0;
        foreach (var (envelope, weight) in bands.Append((full, 1.0)))
        {
            if (weight <= 0) continue;
            var acf = Autocorrelation(envelope.AsSpan(start, length), lags);
            if (acf.Length == 0 || acf[0] <= 0) continue;
            sum ??= new double[acf.Length];
            for (var i = 0; i < acf.Length; i++) sum[i] += weight * acf[i];
            weights += weight;
        }
        if (sum is null) return [];
        for (var i = 0; i < sum.Length; i++) sum[i] /= weights;
        return sum;
    }

    private static int MaxLag => (int)Math.Ceiling(60 * FrameSettings.FrameRate / MinBpm * 4 * 1.04) + 2;

    internal static TempoDecision Decide(double[] acf, double[] lowAcf, float[] envelope, double onsetRate, TempoModel model)
    {
        var frameRate = FrameSettings.FrameRate;
        var frames = envelope.Length;
        if (frames < 5 * frameRate) return TempoDecision.None(TooShortReason, 0);
        if (acf.Length == 0 || acf[0] <= 0 || onsetRate <= 0) return TempoDecision.None(NoOnsetsReason, 0);
        var minLag = 60 * frameRate / MaxBpm;
        var maxLag = 60 * frameRate / MinBpm;
        if (acf.Length < (int)maxLag + 2) return TempoDecision.None(TooShortReason, 0);

        // Strongest peak of the autocorrelation in the tempo range, using integer lags then a parabolic refinement.
        var best = -1;
        var bestValue = double.NegativeInfinity;
        for (var lag = (int)Math.Ceiling(minLag); lag <= (int)Math.Floor(maxLag) && lag < acf.Length - 1; lag++)
        {
            if (acf[lag] < acf[lag - 1] || acf[lag] < acf[lag + 1]) continue;
            if (acf[lag] > bestValue) { bestValue = acf[lag]; best = lag; }
        }
        var clarity = Math.Clamp(bestValue, 0, 1);
        if (best < 0 || bestValue < MinPulseStrength || bestValue * Math.Sqrt(frames - best) < MinPulseZ)
            return TempoDecision.None(NoPulseReason, clarity);
        var seeds = new List<double> { RefinePeak(acf, best) };
        for (var lag = (int)Math.Ceiling(minLag); lag <= (int)Math.Floor(maxLag) && lag < acf.Length - 1 && seeds.Count < 64; lag++)
            if (lag != best && acf[lag] >= acf[lag - 1] && acf[lag] >= acf[lag + 1] && acf[lag] >= SecondaryPeakRatio * bestValue) seeds.Add(RefinePeak(acf, lag));
        var strongest = seeds.Skip(1).OrderByDescending(lag => acf[(int)Math.Round(lag)]).Take(MaxSeedPeaks - 1).Prepend(seeds[0]);

        var logOnsetRate = Math.Log2(onsetRate / 2);
        var candidates = new List<(double Period, TempoEvidence Evidence, double Score)>();
        foreach (var seed in strongest)
        {
            foreach (var factor in LevelFactors)
            {
                var lag = seed * factor;
                if (lag < minLag * 0.999 || lag > maxLag * 1.001 || lag * 2 * 1.04 >= acf.Length) continue;
                if (PeakNear(acf, lag) is not { } refined) continue;
                // The same level reached from two seeds is one candidate.
                if (candidates.Any(c => Math.Abs(c.Period / refined - 1) < 0.03)) continue;
                var subdivision = refined / 2 >= 2 ? LogStrength(acf, refined / 2) : LogStrength(acf, refined);
                var evidence = new TempoEvidence(
                    LogStrength(acf, refined),
                    LogStrength(acf, refined * 2),
                    subdivision,
                    lowAcf.Length > 0 && lowAcf[0] > 0 ? LogStrength(lowAcf, refined) : LogStrength(acf, refined),
                    Math.Log2(60 * frameRate / refined / 120),
                    logOnsetRate,
                    (LogStrength(acf, refined) + LogStrength(acf, 2 * refined) + LogStrength(acf, 3 * refined) + LogStrength(acf, 4 * refined)) / 4,
                    BeatContrast(envelope, refined),
                    Math.Max(subdivision, Math.Log(ClearSubdivisionStrength)));
                candidates.Add((refined, evidence, model.Score(evidence)));
            }
        }
        var top = candidates.Max(c => c.Score);
        var total = candidates.Sum(c => Math.Exp(c.Score - top));
        var levels = candidates
            .Select(c => new TempoCandidate(60 * frameRate / c.Period, Math.Exp(c.Score - top) / total) { PeriodFrames = c.Period, Evidence = c.Evidence })
            .OrderByDescending(c => c.Confidence)
            .ToList();
        return new TempoDecision(levels, clarity, null);
    }

    /// <summary>
    /// How much stronger the onsets are on beats tracked at <paramref name="period"/> than halfway between them
    /// (log ratio, each side offset by 0.1 of the envelope's standard deviation so silence does not divide by zero).
    /// </summary>
    internal static double BeatContrast(float[] envelope, double period)
    {
        var beats = BeatTracker.Track(envelope, period);
        if (beats.Length < 4) return 0;
        double on = 0, off = 0;
        for (var i = 0; i + 1 < beats.Length; i++)
        {
            on += envelope[beats[i]];
            off += envelope[(beats[i] + beats[i + 1]) / 2];
        }
        var n = beats.Length - 1;
        return Math.Log((on / n + 0.1) / (off / n + 0.1));
    }

    private static double LogStrength(double[] acf, double lag) =>
        lag * 1.04 >= acf.Length - 1 ? Math.Log(0.01) : Math.Log(Math.Max(0.01, Strength(acf, lag)));

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

    /// <summary>
    /// The autocorrelation peak within ±4 % of a (fractional) lag, or null when there is none: when the largest value in
    /// the window is its edge, on the slope of a peak outside it, that is no level. Taken as one, the parabola through
    /// the slope was clamped half a lag off the edge and made a level that borrowed its neighbour's periodicity through
    /// <see cref="Strength"/>: a beat at 146 BPM (lag 17.7) got a rival at lag 19.5 (132.5 BPM) that won, and the beats
    /// tracked at it put the tempo at 137.5, 6 % off.
    /// </summary>
    private static double? PeakNear(double[] acf, double lag)
    {
        var lo = Math.Max(1, (int)Math.Floor(lag * 0.96));
        var hi = Math.Min(acf.Length - 2, (int)Math.Ceiling(lag * 1.04));
        var best = -1;
        for (var i = lo; i <= hi; i++) if (best < 0 || acf[i] > acf[best]) best = i;
        if (best < 0) return lag;
        if (acf[best] < acf[best - 1] || acf[best] < acf[best + 1]) return null;
        return RefinePeak(acf, best);
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
