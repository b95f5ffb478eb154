namespace AudioPlatform.Engine.Tonal;

/// <summary>
/// Key by template matching: the Pearson correlation of the track's pitch-class profile with a key profile rotated to
/// each of the 24 keys, optionally plus a weighted correlation of the bass profile (off by default: it added nothing on
/// the real-music development split). With one profile the best key wins. With several (by default essentia's three:
/// bgate, Temperley 1999 and Krumhansl, <see cref="KeyProfileOptions.Default"/>) they vote: the key two of them
/// agree on wins, the first profile's breaks a three-way split. The confidence is the key's share of a softmax over the
/// 24 keys' mean correlation; the runner-up is the most likely other key by that share (when the vote overrode the mean,
/// two profiles against one, the runner-up can be as likely as the key: an ambiguous key).
/// </summary>
public sealed class KeyEstimator(KeyProfile? profile = null, double bassWeight = KeyEstimator.DefaultBassWeight, double profileGate = -1,
    IReadOnlyList<KeyProfile>? voters = null)
{
    private readonly double _gate = profileGate >= 0 ? profileGate : KeyProfileOptions.Default.ProfileGate;

    /// <summary>The profiles that vote (one, unless several are given or the default has several).</summary>
    private readonly KeyProfile[] _profiles = voters is { Count: > 0 } ? [.. voters]
        : profile is not null ? [profile]
        : [.. KeyProfileOptions.Default.Voters ?? [KeyProfileOptions.Default.Profile]];

    public const double DefaultBassWeight = 0;
    private const double SoftmaxTemperature = 0.04;

    public KeyProfile Profile => _profiles[0];

    public KeyEstimate Estimate(ChromaBuilder chroma) => Estimate(chroma.TunedProfile(), chroma.TunedBassProfile());

    /// <summary>Estimates the key from a 12-bin pitch-class profile (C first) and an optional bass profile.</summary>
    public KeyEstimate Estimate(ReadOnlySpan<double> chroma, ReadOnlySpan<double> bass = default)
    {
        if (_gate > 0 && chroma.Length == 12) chroma = Gated(chroma, _gate);
        Span<double> scores = stackalloc double[24];
        Span<double> own = stackalloc double[24];
        Span<int> votes = stackalloc int[24];
        var useBass = bass.Length == 12 && Sum(bass) > 0;
        var firstChoice = 0;
        for (var p = 0; p < _profiles.Length; p++)
        {
            for (var tonic = 0; tonic < 12; tonic++)
            {
                own[tonic] = Score(chroma, bass, useBass, tonic, _profiles[p].Major);
                own[12 + tonic] = Score(chroma, bass, useBass, tonic, _profiles[p].Minor);
            }
            var choice = Best(own, -1);
            votes[choice]++;
            if (p == 0) firstChoice = choice;
            for (var i = 0; i < 24; i++) scores[i] += own[i] / _profiles.Length;
        }
        var best = firstChoice;
        for (var i = 0; i < 24; i++) if (votes[i] >= 2 && votes[i] > votes[best]) best = i;
        var second = Best(scores, best);
        var top = Math.Max(scores[best], scores[second]);
        double total = 0;
        for (var i = 0; i < 24; i++) total += Math.Exp((scores[i] - top) / SoftmaxTemperature);
        var hasPitch = Sum(chroma) > 0;
        return new KeyEstimate(KeyAt(best), hasPitch ? Math.Exp((scores[best] - top) / SoftmaxTemperature) / total : 0, KeyAt(second), scores[best], scores[second])
        {
            RunnerUpConfidence = hasPitch ? Math.Exp((scores[second] - top) / SoftmaxTemperature) / total : 0,
        };
    }

    /// <summary>The index of the highest score, other than <paramref name="except"/>.</summary>
    private static int Best(ReadOnlySpan<double> scores, int except)
    {
        var best = except == 0 ? 1 : 0;
        for (var i = 0; i < scores.Length; i++) if (i != except && scores[i] > scores[best]) best = i;
        return best;
    }

    public const string SilentReason = "The audio has no pitched content to take a key from.";
    public const string SinglePitchReason = "The audio holds one pitch (or one interval) throughout: a key needs a scale.";
    public const string NoTonalCentreReason = "The sound is noise-like (its spectrum is nearly flat), so it has no tonal centre.";

    /// <summary>Fewer pitch classes than this at a quarter of the strongest one or more is a tone or an interval, not a key.</summary>
    internal const int MinPitchClasses = 3;

    /// <summary>
    /// A weaker pitch class (down to this share of the strongest) completes the three when it cannot be a partial of the
    /// strongest note. The profile sums whitened energy, so a quiet third scale degree sits at 0.15–0.25 (a quarter in
    /// energy is half in magnitude), while a single harmonic tone puts its partials 3 and 6 on its fifth and 5 on its
    /// major third as high (a 55 Hz tone: fifth 0.53, third 0.21 of its own pitch class).
    /// </summary>
    internal const double WeakPitchClassShare = 0.15;

    /// <summary>
    /// Audio whose spectrum is this flat on average (geometric over arithmetic mean of the power: white noise 0.56, a
    /// tone 0, music mostly below 0.1) is noise-like: the peaks the profile is built from are chance, not pitches. The
    /// profile's own spread does not tell (30 s of white noise and ambient recordings both reach 0.09–0.13).
    /// </summary>
    internal const double MaxSpectralFlatness = 0.3;

    /// <summary>
    /// The key, or why there is none: a key needs pitched content (not noise: <paramref name="spectralFlatness"/>, the
    /// track's mean, when known) and several pitch classes.
    /// </summary>
    public KeyDecision Decide(ReadOnlySpan<double> chroma, ReadOnlySpan<double> bass = default, double spectralFlatness = 0)
    {
        var sum = Sum(chroma);
        if (chroma.Length != 12 || sum <= 1e-6) return KeyDecision.None(SilentReason);
        if (spectralFlatness >= MaxSpectralFlatness) return KeyDecision.None(NoTonalCentreReason);
        if (IsSinglePitch(chroma)) return KeyDecision.None(SinglePitchReason);
        return new KeyDecision(Estimate(chroma, bass), null);
    }

    /// <summary>
    /// Fewer than <see cref="MinPitchClasses"/> pitch classes at a quarter of the strongest, unless the weaker ones
    /// (down to <see cref="WeakPitchClassShare"/>) include one that is not the strongest note's octave, fifth or major
    /// third (its partials 1–6): a tone, an interval or a tone with its harmonics, not a scale.
    /// </summary>
    private static bool IsSinglePitch(ReadOnlySpan<double> chroma)
    {
        var strongest = 0;
        for (var i = 1; i < 12; i++) if (chroma[i] > chroma[strongest]) strongest = i;
        var max = chroma[strongest];
        int present = 0, weak = 0;
        var outsideHarmonics = false;
        for (var i = 0; i < 12; i++)
        {
            if (chroma[i] >= 0.25 * max) present++;
            if (chroma[i] < WeakPitchClassShare * max) continue;
            weak++;
            var above = (i - strongest + 12) % 12;
            outsideHarmonics |= above is not (0 or 7 or 4);
        }
        return present < MinPitchClasses && (weak < MinPitchClasses || !outsideHarmonics);
    }

    /// <summary>The profile with the pitch classes below <paramref name="gate"/> × its maximum set to 0 (essentia's pcpThreshold).</summary>
    private static double[] Gated(ReadOnlySpan<double> chroma, double gate)
    {
        double max = 0;
        foreach (var v in chroma) max = Math.Max(max, v);
        var gated = new double[12];
        for (var i = 0; i < 12; i++) gated[i] = chroma[i] >= gate * max ? chroma[i] : 0;
        return gated;
    }

    private double Score(ReadOnlySpan<double> chroma, ReadOnlySpan<double> bass, bool useBass, int tonic, double[] template)
    {
        var score = Correlation(chroma, template, tonic);
        if (useBass) score += bassWeight * Correlation(bass, template, tonic);
        return score;
    }

    private static MusicalKey KeyAt(int index) => new(index % 12, index < 12 ? KeyMode.Major : KeyMode.Minor);

    /// <summary>Pearson correlation between the profile and the template rotated so its tonic sits at <paramref name="tonic"/>.</summary>
    internal static double Correlation(ReadOnlySpan<double> chroma, double[] template, int tonic)
    {
        double meanX = 0, meanY = 0;
        for (var i = 0; i < 12; i++) { meanX += chroma[i]; meanY += template[i]; }
        meanX /= 12; meanY /= 12;
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < 12; i++)
        {
            var x = chroma[(i + tonic) % 12] - meanX;
            var y = template[i] - meanY;
            sxy += x * y; sxx += x * x; syy += y * y;
        }
        return sxx <= 0 || syy <= 0 ? 0 : sxy / Math.Sqrt(sxx * syy);
    }

    private static double Sum(ReadOnlySpan<double> values)
    {
        double s = 0;
        foreach (var v in values) s += v;
        return s;
    }
}
