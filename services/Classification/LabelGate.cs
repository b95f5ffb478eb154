using System.Globalization;

namespace AudioPlatform.Classification;

/// <summary>
/// How far a track may lie from the training music before the models' labels are withheld: the distance is the
/// root-mean-square of the track's standardised model inputs (a diagonal Mahalanobis distance over
/// <see cref="ModelInfo.FeatureMeans"/> and <see cref="ModelInfo.FeatureStds"/>, each term clipped at
/// <see cref="ClipZ"/> so one wild feature counts as far but not infinitely so); the limit is a high percentile of
/// the distances of held-out validation music, fitted by the training command.
/// </summary>
public sealed record FamiliarityLimit(double Distance, double Percentile)
{
    public const double ClipZ = 10;

    public static double DistanceOf(float[] input, ModelInfo info)
    {
        var sum = 0.0;
        var used = 0;
        for (var f = 0; f < input.Length; f++)
        {
            var std = info.FeatureStds[f];
            if (std <= 1e-9f) continue;
            var z = Math.Min(Math.Abs((input[f] - info.FeatureMeans[f]) / std), ClipZ);
            sum += z * z;
            used++;
        }
        return used == 0 ? 0 : Math.Sqrt(sum / used);
    }
}

/// <summary>
/// Decides whether the models may speak about a track at all. Their eleven genres, eight moods and nine instruments
/// were learnt from music only, so anything else gets a confident-looking but meaningless answer (silence was
/// "house", a sine "ambient with synth"). Refused, with the reason a user reads:
/// <list type="bullet">
/// <item>silence: integrated loudness at the engine's −70 LUFS floor;</item>
/// <item>neither a beat nor a key (the engine found no tempo and no key: tones, drones, noise, most speech);</item>
/// <item>a track farther from the training music than <see cref="FamiliarityLimit"/> allows.</item>
/// </list>
/// </summary>
public static class LabelGate
{
    /// <summary>The engine's loudness floor (BS.1770's absolute gate): a track at it has nothing to label.</summary>
    public const double SilentLufs = -69.95;

    private static readonly int Loudness = ModelFeatures.Names.ToList().IndexOf("loudnessLufs");
    private static readonly int Tempo = ModelFeatures.Names.ToList().IndexOf("tempoBpm");

    /// <summary>Why the labels are withheld, or null when the track looks like the music the models know.</summary>
    /// <param name="featureVector">The engine's vector (for the key, which the model input leaves out).</param>
    /// <param name="input">The same vector as the models read it (<see cref="ModelFeatures.From"/>).</param>
    public static string? UnknownReason(float[] featureVector, float[] input, ModelInfo info)
    {
        if (input[Loudness] <= SilentLufs) return "silent: the loudness is at the −70 LUFS floor, so there is nothing to label";
        if (input[Tempo] <= 0 && !ModelFeatures.HasKey(featureVector))
            return "no beat and no key: the genre, mood and instrument models know only music with a pulse or a tonal centre";
        if (info.Familiarity is { } limit && FamiliarityLimit.DistanceOf(input, info) is var distance && distance > limit.Distance)
            return string.Create(CultureInfo.InvariantCulture, $"unlike the music the models were trained on (distance {distance:F1}, limit {limit.Distance:F1}), so no genre, mood or instrument is claimed");
        return null;
    }
}
