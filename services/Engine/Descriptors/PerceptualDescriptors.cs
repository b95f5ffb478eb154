namespace AudioPlatform.Engine.Descriptors;

/// <summary>
/// Energy, danceability and valence on 0..1. These are transparent, hand-weighted combinations of measured
/// features (not trained models); FEATURES.md gives the same definitions with their rationale.
/// </summary>
public static class PerceptualDescriptors
{
    /// <summary>
    /// Energy = 0.5·L + 0.25·O + 0.25·B, where L = clamp((LUFS + 35) / 30) (loudness; -35 LUFS → 0, -5 LUFS → 1),
    /// O = clamp(onsetRate / 6) (activity; 6 onsets/s → 1) and B = brightness (see <see cref="Brightness"/>).
    /// </summary>
    public static double Energy(double loudnessLufs, double onsetRate, double centroidHz) =>
        Clamp(0.5 * Clamp((loudnessLufs + 35) / 30) + 0.25 * Clamp(onsetRate / 6) + 0.25 * Brightness(centroidHz));

    /// <summary>
    /// Danceability = 0.4·P + 0.3·T + 0.3·R, where P = tempo confidence (pulse clarity),
    /// T = exp(−(log2(bpm / 120))² / (2·0.35²)) (preference for tempos near 120 BPM, half at about 90 and 160),
    /// R = 1 − clamp(CV / 0.1) with CV the coefficient of variation of inter-beat intervals (steadiness).
    /// 0 when no tempo was found.
    /// </summary>
    public static double Danceability(double tempoBpm, double tempoConfidence, IReadOnlyList<double> beatTimes)
    {
        if (tempoBpm <= 0)
            return 0;
        var octaves = Math.Log2(tempoBpm / 120.0);
        var tempoFit = Math.Exp(-octaves * octaves / (2 * 0.35 * 0.35));
        return Clamp(0.4 * Clamp(tempoConfidence) + 0.3 * tempoFit + 0.3 * BeatRegularity(beatTimes));
    }

    /// <summary>
    /// Valence = 0.4·M + 0.2·T + 0.2·B + 0.2·E, where M = 0.5 ± 0.5·keyConfidence (+ for major, − for minor),
    /// T = clamp((bpm − 60) / 120), B = brightness, E = <see cref="Energy"/>.
    /// </summary>
    public static double Valence(bool major, double keyConfidence, double tempoBpm, double centroidHz, double energy)
    {
        var mode = 0.5 + (major ? 0.5 : -0.5) * Clamp(keyConfidence);
        return Clamp(0.4 * mode + 0.2 * Clamp((tempoBpm - 60) / 120) + 0.2 * Brightness(centroidHz) + 0.2 * Clamp(energy));
    }

    /// <summary>clamp(log2(centroid / 500 Hz) / 3): 500 Hz → 0, 4 kHz → 1.</summary>
    public static double Brightness(double centroidHz) =>
        centroidHz <= 0 ? 0 : Clamp(Math.Log2(centroidHz / 500.0) / 3.0);

    /// <summary>1 − clamp(CV / 0.1) of the inter-beat intervals; 0 with fewer than 4 beats.</summary>
    public static double BeatRegularity(IReadOnlyList<double> beatTimes)
    {
        if (beatTimes.Count < 4)
            return 0;
        double sum = 0, sumSq = 0;
        var n = beatTimes.Count - 1;
        for (var i = 1; i < beatTimes.Count; i++)
        {
            var d = beatTimes[i] - beatTimes[i - 1];
            sum += d;
            sumSq += d * d;
        }
        var mean = sum / n;
        if (mean <= 0)
            return 0;
        var std = Math.Sqrt(Math.Max(0, sumSq / n - mean * mean));
        return 1 - Clamp(std / mean / 0.1);
    }

    private static double Clamp(double v) => double.IsNaN(v) ? 0 : Math.Clamp(v, 0, 1);
}
