using AudioPlatform.Engine.Framing;

namespace AudioPlatform.Engine.Rhythm;

/// <summary>Onsets per second: peaks of the onset envelope that stand out from their surroundings.</summary>
public static class OnsetRate
{
    /// <summary>A peak must exceed the local mean (±0.25 s) by this many envelope standard deviations.</summary>
    private const float Threshold = 0.5f;
    private const double MinimumGapSeconds = 0.05;

    public static int[] DetectFrames(ReadOnlySpan<float> envelope, double frameRate = 0)
    {
        if (frameRate <= 0) frameRate = FrameSettings.FrameRate;
        var n = envelope.Length;
        var gap = Math.Max(1, (int)Math.Round(MinimumGapSeconds * frameRate));
        var window = (int)Math.Round(0.25 * frameRate);
        var onsets = new List<int>();
        double sum = 0;
        int lo = 0, hi = -1;
        var last = -gap - 1;
        for (var t = 0; t < n; t++)
        {
            while (hi < Math.Min(n - 1, t + window)) sum += envelope[++hi];
            while (lo < Math.Max(0, t - window)) sum -= envelope[lo++];
            var value = envelope[t];
            if (value <= sum / (hi - lo + 1) + Threshold) continue;
            var isPeak = true;
            for (var j = Math.Max(0, t - gap); j <= Math.Min(n - 1, t + gap) && isPeak; j++)
                if (envelope[j] > value || (envelope[j] == value && j < t)) isPeak = false;
            if (!isPeak || t - last < gap) continue;
            onsets.Add(t);
            last = t;
        }
        return [.. onsets];
    }

    public static double PerSecond(ReadOnlySpan<float> envelope, double frameRate = 0)
    {
        if (frameRate <= 0) frameRate = FrameSettings.FrameRate;
        if (envelope.Length == 0) return 0;
        return DetectFrames(envelope, frameRate).Length / (envelope.Length / frameRate);
    }
}
