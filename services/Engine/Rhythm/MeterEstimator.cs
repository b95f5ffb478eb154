using AudioPlatform.Engine.Tonal;

namespace AudioPlatform.Engine.Rhythm;

/// <summary>
/// Time signature from the tracked beats. Two questions are answered separately:
/// <list type="bullet">
/// <item>Subdivision: the onset envelope folded onto one beat (24 phases, averaged over all beats) shows whether
/// in-between onsets fall at halves of the beat (simple metre) or at thirds (compound metre, reported as 6/8).</item>
/// <item>Beats per bar: beat-synchronous accents (onset strength, low-band strength: kick and bass) and harmonic
/// change (chroma distance between consecutive beats: chords move on bar lines) are folded at 2, 3 and 4 beats;
/// the grouping whose strongest phase stands out most wins. 2 against 4 is decided by harmonic change alone,
/// since a kick/snare backbeat repeats every two beats in both: folded at four beats, a 2/4 piece changes chords
/// on the third beat about as much as on the first, a 4/4 piece hardly at all.</item>
/// </list>
/// </summary>
public static class MeterEstimator
{
    private const int Phases = 24;
    /// <summary>Triple subdivision needs its onsets this much stronger than the half-beat onsets.</summary>
    internal const double TripleRatio = 1.0;

    /// <summary>
    /// Harmonic change on beat three, relative to beat one (over the two other beats), above which bars have two beats.
    /// </summary>
    internal const double HalfBarChangeRatio = 0.35;

    public static TimeSignature Estimate(float[] envelope, float[] lowEnvelope, IReadOnlyList<int> beatFrames, ChromaBuilder? chroma = null)
    {
        if (beatFrames.Count < 8) return TimeSignature.FourFour;

        var compound = IsCompound(envelope, beatFrames, out var subdivisionMargin);

        var accents = BeatAccents(envelope, beatFrames);
        var lows = BeatAccents(lowEnvelope, beatFrames);
        var harmonic = chroma is null || chroma.FrameCount == 0 ? null : HarmonicChange(chroma, beatFrames);

        double Score(int group)
        {
            var score = Contrast(accents, group) + Contrast(lows, group);
            if (harmonic is not null) score += 2 * Contrast(harmonic, group);
            return score;
        }

        var two = Score(2);
        var three = Score(3);
        var four = Score(4);
        int beatsPerBar;
        double margin;
        if (three > Math.Max(two, four))
        {
            beatsPerBar = 3;
            margin = three - Math.Max(two, four);
        }
        else
        {
            margin = Math.Max(two, four) - three;
            var halfBar = harmonic is null ? double.NaN : HalfBarChange(harmonic);
            // Without harmony to go by, 4/4 is the likelier of the two.
            beatsPerBar = halfBar > HalfBarChangeRatio ? 2 : 4;
            margin = double.IsNaN(halfBar) ? 0 : Math.Min(margin, 2 * Math.Abs(halfBar - HalfBarChangeRatio));
        }

        var confidence = Math.Clamp(Math.Min(margin, subdivisionMargin * 4), 0, 1);
        if (compound) return new TimeSignature(6, 8, confidence);
        return beatsPerBar switch
        {
            2 => new TimeSignature(2, 4, confidence),
            3 => new TimeSignature(3, 4, confidence),
            _ => new TimeSignature(4, 4, confidence),
        };
    }

    /// <summary>The onset envelope averaged over all beats at 24 phases of the beat, phase 0 on the beat.</summary>
    internal static double[] BeatPhaseProfile(float[] envelope, IReadOnlyList<int> beatFrames)
    {
        var profile = new double[Phases];
        var count = 0;
        for (var i = 0; i + 1 < beatFrames.Count; i++)
        {
            double start = beatFrames[i], length = beatFrames[i + 1] - beatFrames[i];
            if (length < 3) continue;
            for (var p = 0; p < Phases; p++)
            {
                var position = start + length * p / Phases;
                var lower = (int)position;
                if (lower + 1 >= envelope.Length) break;
                var fraction = position - lower;
                profile[p] += envelope[lower] * (1 - fraction) + envelope[lower + 1] * fraction;
            }
            count++;
        }
        if (count > 0) for (var p = 0; p < Phases; p++) profile[p] /= count;
        return profile;
    }

    private static bool IsCompound(float[] envelope, IReadOnlyList<int> beatFrames, out double margin)
    {
        var profile = BeatPhaseProfile(envelope, beatFrames);
        double Peak(int centre) => Math.Max(profile[centre - 1], Math.Max(profile[centre], profile[centre + 1]));
        var half = Peak(12);
        var thirds = 0.5 * (Peak(8) + Peak(16));
        var scale = Math.Max(1e-9, Math.Max(half, thirds));
        margin = Math.Abs(thirds - half) / scale;
        return thirds > TripleRatio * half;
    }

    /// <summary>The strongest envelope value within a frame or two of each beat.</summary>
    internal static double[] BeatAccents(float[] envelope, IReadOnlyList<int> beatFrames)
    {
        var result = new double[beatFrames.Count];
        for (var i = 0; i < beatFrames.Count; i++)
        {
            var best = 0f;
            var lo = Math.Max(0, beatFrames[i] - 2);
            var hi = Math.Min(envelope.Length - 1, beatFrames[i] + 2);
            for (var t = lo; t <= hi; t++) best = Math.Max(best, envelope[t]);
            result[i] = best;
        }
        return result;
    }

    /// <summary>For each beat, 1 − cosine similarity between the mean chroma of the beat and of the beat before.</summary>
    internal static double[] HarmonicChange(ChromaBuilder chroma, IReadOnlyList<int> beatFrames)
    {
        var means = new double[beatFrames.Count][];
        Span<float> frame = stackalloc float[ChromaBuilder.Bins];
        for (var i = 0; i < beatFrames.Count; i++)
        {
            var mean = new double[ChromaBuilder.Bins];
            var start = beatFrames[i];
            var end = i + 1 < beatFrames.Count ? beatFrames[i + 1] : Math.Min(chroma.FrameCount, start + (start - beatFrames[Math.Max(0, i - 1)]));
            end = Math.Min(end, chroma.FrameCount);
            for (var t = start; t < end; t++)
            {
                chroma.Frame(t, frame);
                for (var c = 0; c < ChromaBuilder.Bins; c++) mean[c] += frame[c];
            }
            means[i] = mean;
        }
        var change = new double[beatFrames.Count];
        for (var i = 1; i < beatFrames.Count; i++)
        {
            double dot = 0, a = 0, b = 0;
            for (var c = 0; c < ChromaBuilder.Bins; c++)
            {
                dot += means[i][c] * means[i - 1][c];
                a += means[i][c] * means[i][c];
                b += means[i - 1][c] * means[i - 1][c];
            }
            change[i] = a <= 0 || b <= 0 ? 0 : 1 - dot / Math.Sqrt(a * b);
        }
        return change;
    }

    /// <summary>
    /// Folds a per-beat feature at four beats and returns how strong the phase two beats after the strongest is,
    /// above the mean of the two remaining phases, relative to the strongest phase above that mean (NaN if flat).
    /// </summary>
    internal static double HalfBarChange(double[] feature)
    {
        Span<double> sums = stackalloc double[4];
        Span<int> counts = stackalloc int[4];
        for (var i = 1; i < feature.Length; i++)
        {
            sums[i % 4] += feature[i];
            counts[i % 4]++;
        }
        for (var p = 0; p < 4; p++)
        {
            if (counts[p] == 0) return double.NaN;
            sums[p] /= counts[p];
        }
        var best = 0;
        for (var p = 1; p < 4; p++) if (sums[p] > sums[best]) best = p;
        var rest = 0.5 * (sums[(best + 1) % 4] + sums[(best + 3) % 4]);
        var top = sums[best] - rest;
        return top <= 1e-9 ? double.NaN : (sums[(best + 2) % 4] - rest) / top;
    }

    /// <summary>
    /// How much the strongest phase of a grouping stands out: its mean minus the mean of the other phases,
    /// in units of the feature's standard deviation.
    /// </summary>
    internal static double Contrast(double[] feature, int group)
    {
        var n = feature.Length;
        if (n < group * 2) return 0;
        Span<double> sums = stackalloc double[group];
        Span<int> counts = stackalloc int[group];
        double total = 0, totalSq = 0;
        // The first beat has no predecessor for harmonic change; starting at 1 keeps every feature comparable.
        for (var i = 1; i < n; i++)
        {
            sums[i % group] += feature[i];
            counts[i % group]++;
            total += feature[i];
            totalSq += feature[i] * feature[i];
        }
        var count = n - 1;
        var mean = total / count;
        var std = Math.Sqrt(Math.Max(0, totalSq / count - mean * mean));
        if (std < 1e-9) return 0;
        var best = 0;
        for (var p = 1; p < group; p++) if (sums[p] / counts[p] > sums[best] / counts[best]) best = p;
        double others = 0;
        var otherCount = 0;
        for (var p = 0; p < group; p++)
        {
            if (p == best) continue;
            others += sums[p];
            otherCount += counts[p];
        }
        return (sums[best] / counts[best] - others / otherCount) / std;
    }
}
