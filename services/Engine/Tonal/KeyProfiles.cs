namespace AudioPlatform.Engine.Tonal;

/// <summary>Published key profiles (tonic first): how much each scale degree weighs in a key.</summary>
public sealed record KeyProfile(string Name, double[] Major, double[] Minor)
{
    /// <summary>Krumhansl and Kessler (1982), probe-tone ratings.</summary>
    public static KeyProfile Krumhansl { get; } = new("krumhansl",
        [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88],
        [6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17]);

    /// <summary>Temperley (2001), from the Kostka–Payne corpus.</summary>
    public static KeyProfile Temperley { get; } = new("temperley",
        [0.748, 0.060, 0.488, 0.082, 0.670, 0.460, 0.096, 0.715, 0.104, 0.366, 0.057, 0.400],
        [0.712, 0.084, 0.474, 0.618, 0.049, 0.460, 0.105, 0.747, 0.404, 0.067, 0.133, 0.330]);

    /// <summary>Aarden (2003), from the Essen folk-song collection.</summary>
    public static KeyProfile Aarden { get; } = new("aarden",
        [17.7661, 0.145624, 14.9265, 0.160186, 19.8049, 11.3587, 0.291248, 22.062, 0.145624, 8.15494, 0.232998, 4.95122],
        [18.2648, 0.737619, 14.0499, 16.8599, 0.702494, 14.4362, 0.702494, 18.6161, 4.56621, 1.93186, 7.37619, 1.75623]);

    /// <summary>Shaath (2011): Krumhansl's tuned for popular and electronic music.</summary>
    public static KeyProfile Shaath { get; } = new("shaath",
        [6.6, 2.0, 3.5, 2.3, 4.6, 4.0, 2.5, 5.2, 2.4, 3.7, 2.3, 3.4],
        [6.5, 2.7, 3.5, 5.4, 2.6, 3.5, 2.5, 5.2, 4.0, 2.7, 4.3, 3.2]);

    /// <summary>Faraldo et al. (2016), "edma": averaged from a corpus of electronic dance music.</summary>
    public static KeyProfile Edma { get; } = new("edma",
        [0.16519551, 0.04749026, 0.08293076, 0.06687112, 0.09994645, 0.09274123, 0.05294487, 0.13159476, 0.05218986, 0.07443653, 0.06940723, 0.0642515],
        [0.17235348, 0.05336489, 0.0761009, 0.10043649, 0.05621498, 0.08527853, 0.0497915, 0.13451001, 0.07458916, 0.05003023, 0.09187879, 0.05545106]);

    /// <summary>
    /// Temperley (1999), "What's key for key?", the revision of Krumhansl's profiles essentia calls "temperley" (its
    /// key extractor votes with it).
    /// </summary>
    public static KeyProfile Temperley1999 { get; } = new("temperley1999",
        [5.0, 2.0, 3.5, 2.0, 4.5, 4.0, 2.0, 4.5, 2.0, 3.5, 1.5, 4.0],
        [5.0, 2.0, 3.5, 4.5, 2.0, 4.0, 2.0, 4.5, 3.5, 2.0, 1.5, 4.0]);

    /// <summary>
    /// Faraldo et al. (2017), "bgate": averaged from the pitch-class profiles of a corpus of popular and electronic
    /// music, with the degrees outside the scale gated to 0. Essentia's key extractor default.
    /// </summary>
    public static KeyProfile Bgate { get; } = new("bgate",
        [1.00, 0.00, 0.42, 0.00, 0.53, 0.37, 0.00, 0.77, 0.00, 0.38, 0.21, 0.30],
        [1.00, 0.00, 0.36, 0.39, 0.00, 0.38, 0.00, 0.74, 0.27, 0.00, 0.42, 0.23]);

    public static IReadOnlyList<KeyProfile> All { get; } = [Krumhansl, Temperley, Aarden, Shaath, Edma, Temperley1999, Bgate];

    public static KeyProfile? Find(string name)
    {
        foreach (var p in All) if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) return p;
        return null;
    }
}

/// <summary>How spectral peaks become the key's pitch-class profile, and which key profile it is matched against.</summary>
/// <param name="Weighting">A peak's weight: its magnitude, or log(1 + magnitude) (which lifts weak peaks, window side lobes included).</param>
/// <param name="Harmonics">
/// Each peak also counts towards the pitch classes of the fundamentals it may be a harmonic of (f/2 … f/n), weighted
/// <see cref="HarmonicDecay"/>^(h−1), so a note's fifth and third partials strengthen its own pitch class rather than the dominant's.
/// 1 counts the peak's own pitch class only.
/// </param>
/// <param name="MaxHz">
/// The highest peak counted (the chroma frames for harmony keep their own range up to 5 kHz). Above 4 kHz, peaks over
/// 2 kHz (mostly partials) count half; at essentia's 3.5 kHz every peak counts fully.
/// </param>
public sealed record KeyProfileOptions(PeakWeighting Weighting, int Harmonics, double HarmonicDecay, KeyProfile Profile, double BassWeight,
    double MaxHz = 5000)
{
    /// <summary>Only a frame's strongest peaks count (essentia: 60); 0 counts every peak above the floor.</summary>
    public int MaxPeaks { get; init; }

    /// <summary>Sum the peaks' energy (weight squared, as essentia's HPCP does) rather than their magnitude.</summary>
    public bool Energy { get; init; }

    /// <summary>Harmonic h counts 1 up to two octaves above its fundamental and 2 / octaves beyond (essentia's HPCP) instead of <see cref="HarmonicDecay"/>^(h−1).</summary>
    public bool OctaveHarmonicWeights { get; init; }

    /// <summary>Every n-th frame feeds the key profile (1: all; essentia hops 4096 samples at 44.1 kHz, every fourth of the engine's frames).</summary>
    public int FrameStride { get; init; } = 1;

    /// <summary>Profiles that vote on the key (<see cref="KeyEstimator"/>) instead of <see cref="Profile"/> alone (null: that one).</summary>
    public IReadOnlyList<KeyProfile>? Voters { get; init; }

    /// <summary>Fold the profile around the estimated tuning (to a third of a semitone); false folds at A440 as essentia's key extractor does.</summary>
    public bool EstimateTuning { get; init; } = true;

    /// <summary>Pitch classes below this share of the strongest are set to 0 before matching (essentia's pcpThreshold, 0.2); 0 keeps all.</summary>
    public double ProfileGate { get; init; }

    /// <summary>
    /// Essentia's key extractor on the engine's frames: the whitened energy of each frame's 60 strongest peaks up to
    /// 3.5 kHz with essentia's harmonic table, every fourth frame (essentia's hop), folded at A440, and its three
    /// profiles voting. Chosen on the real-music development split (tools/Benchmark --key-experiment).
    /// </summary>
    public static KeyProfileOptions Default { get; } = new(PeakWeighting.Whitened, 5, 0.6, KeyProfile.Bgate, KeyEstimator.DefaultBassWeight, MaxHz: 3500)
    {
        MaxPeaks = 60, Energy = true, OctaveHarmonicWeights = true, FrameStride = 4, EstimateTuning = false,
        Voters = [KeyProfile.Bgate, KeyProfile.Temperley1999, KeyProfile.Krumhansl],
    };
}

public enum PeakWeighting
{
    LogMagnitude,
    Magnitude,
    /// <summary>The magnitude relative to the local spectral envelope (<see cref="SpectralWhitening"/>).</summary>
    Whitened,
}
