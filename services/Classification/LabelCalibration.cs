namespace AudioPlatform.Classification;

/// <summary>
/// Maps the models' raw scores to probabilities that mean what they say, fitted on the validation set (never the test
/// set) by the training command and stored in model-info.json. Boosted trees trained on augmented copies of a few
/// hundred pieces are overconfident: a raw 0.9 is right far less than nine times in ten on unseen sound.
/// </summary>
public sealed record LabelCalibration
{
    /// <summary>Temperature of the genre softmax: p_i ∝ p_i^(1/T). Above 1 softens, below 1 sharpens; 1 leaves it.</summary>
    public required double GenreTemperature { get; init; }

    /// <summary>Platt scaling of each mood and instrument model over the logit of its raw probability.</summary>
    public required IReadOnlyDictionary<string, PlattScaling> Flags { get; init; }

    public static LabelCalibration Identity { get; } = new() { GenreTemperature = 1, Flags = new Dictionary<string, PlattScaling>() };

    /// <summary>The genre probabilities at <see cref="GenreTemperature"/>, in the order given; they still sum to 1.</summary>
    public double[] Genres(IReadOnlyList<double> raw) => Soften(raw, GenreTemperature);

    public double Flag(string label, double raw) => Flags.TryGetValue(label, out var platt) ? platt.Apply(raw) : raw;

    public static double[] Soften(IReadOnlyList<double> raw, double temperature)
    {
        var logs = raw.Select(p => Logit.SafeLog(p) / temperature).ToArray();
        var max = logs.Max();
        var exp = logs.Select(l => Math.Exp(l - max)).ToArray();
        var sum = exp.Sum();
        return [.. exp.Select(e => e / sum)];
    }
}

/// <summary>p' = σ(A·logit(p) + B), with A ≥ 0 so the map never reverses the model's order.</summary>
public sealed record PlattScaling(double A, double B)
{
    public double Apply(double p) => Logit.Sigmoid(A * Logit.Of(p) + B);
}

public static class Logit
{
    /// <summary>Raw probabilities of exactly 0 or 1 are held this far inside, so every logit is finite.</summary>
    private const double Margin = 1e-6;

    public static double Of(double p)
    {
        var q = Math.Clamp(p, Margin, 1 - Margin);
        return Math.Log(q / (1 - q));
    }

    public static double SafeLog(double p) => Math.Log(Math.Clamp(p, Margin, 1));

    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
