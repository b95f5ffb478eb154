using AudioPlatform.Engine.Framing;

namespace AudioPlatform.Engine.Rhythm;

/// <summary>
/// Beat tracking by dynamic programming (D. Ellis, "Beat Tracking by Dynamic Programming", 2007): beats fall on
/// strong onsets while their spacing stays close to the tempo period, penalised by the squared log ratio.
/// </summary>
public static class BeatTracker
{
    private const double Tightness = 100;

    /// <summary>Beat times in seconds for a given beat period in frames.</summary>
    public static double[] TrackTimes(ReadOnlySpan<float> envelope, double periodFrames, double frameRate = 0)
    {
        if (frameRate <= 0) frameRate = FrameSettings.FrameRate;
        var frames = Track(envelope, periodFrames);
        var times = new double[frames.Length];
        for (var i = 0; i < frames.Length; i++) times[i] = frames[i] / frameRate;
        return times;
    }

    /// <summary>Beat positions as frame indices.</summary>
    public static int[] Track(ReadOnlySpan<float> envelope, double periodFrames)
    {
        var n = envelope.Length;
        if (n == 0 || periodFrames < 2 || periodFrames * 2 > n) return [];
        var local = Smooth(envelope, periodFrames);

        var score = new double[n];
        var back = new int[n];
        var minGap = (int)Math.Round(periodFrames / 2);
        var maxGap = (int)Math.Round(periodFrames * 2);
        var penalty = new double[maxGap + 1];
        for (var gap = minGap; gap <= maxGap; gap++)
        {
            var l = Math.Log(gap / periodFrames);
            penalty[gap] = -Tightness * l * l;
        }

        for (var t = 0; t < n; t++)
        {
            var best = double.NegativeInfinity;
            var from = -1;
            var lo = Math.Max(0, t - maxGap);
            for (var tau = t - minGap; tau >= lo; tau--)
            {
                var candidate = score[tau] + penalty[t - tau];
                if (candidate > best) { best = candidate; from = tau; }
            }
            // A beat may start the chain when no predecessor helps it.
            if (from < 0 || best < 0) { score[t] = local[t]; back[t] = -1; }
            else { score[t] = local[t] + best; back[t] = from; }
        }

        // The last beat: the best-scoring frame in the final period.
        var start = Math.Max(0, n - (int)Math.Ceiling(periodFrames));
        var last = start;
        for (var t = start; t < n; t++) if (score[t] > score[last]) last = t;
        var beats = new List<int>();
        for (var t = last; t >= 0; t = back[t]) beats.Add(t);
        beats.Reverse();
        return TrimWeakEdges(beats, local);
    }

    private static double[] Smooth(ReadOnlySpan<float> envelope, double period)
    {
        // A narrow Gaussian (σ = period / 32) as in Ellis, so a beat may land a frame off a sharp onset.
        var sigma = Math.Max(0.5, period / 32);
        var radius = (int)Math.Ceiling(3 * sigma);
        var kernel = new double[2 * radius + 1];
        for (var i = -radius; i <= radius; i++) kernel[i + radius] = Math.Exp(-0.5 * i * i / (sigma * sigma));
        var n = envelope.Length;
        var result = new double[n];
        for (var t = 0; t < n; t++)
        {
            double sum = 0;
            var lo = Math.Max(0, t - radius);
            var hi = Math.Min(n - 1, t + radius);
            for (var j = lo; j <= hi; j++) sum += kernel[j - t + radius] * envelope[j];
            result[t] = sum;
        }
        return result;
    }

    private static int[] TrimWeakEdges(List<int> beats, double[] local)
    {
        if (beats.Count == 0) return [];
        double sumSq = 0;
        foreach (var b in beats) sumSq += local[b] * local[b];
        var threshold = 0.5 * Math.Sqrt(sumSq / beats.Count);
        var first = 0;
        var last = beats.Count - 1;
        while (first <= last && local[beats[first]] < threshold) first++;
        while (last >= first && local[beats[last]] < threshold) last--;
        return first > last ? [] : beats.GetRange(first, last - first + 1).ToArray();
    }
}
