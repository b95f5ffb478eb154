using AudioPlatform.Classification;

namespace AudioPlatform.Training;

/// <summary>
/// Fits <see cref="LabelCalibration"/> and <see cref="FamiliarityLimit"/> on the validation set's raw model outputs,
/// never on the test set: the temperature minimises the genre negative log-likelihood, each Platt map the log loss
/// of its yes/no model (with Platt's smoothed targets, so a label seen a few times is not mapped to 0 or 1).
/// </summary>
public static class CalibrationFitter
{
    /// <summary>Share of in-distribution validation music the familiarity limit lets through.</summary>
    public const double FamiliarityPercentile = 0.99;

    public static (LabelCalibration Calibration, FamiliarityLimit Familiarity) Fit(TrackClassifier classifier, IReadOnlyList<Example> validation)
    {
        var info = classifier.Info;
        var raw = validation.Select(e => classifier.Score(e.Input)).ToList();
        var truth = validation.Select(e => info.Genres.ToList().IndexOf(e.Genre!)).ToList();
        var temperature = FitTemperature(raw.Select(r => r.Genres).ToList(), truth);

        var flags = new Dictionary<string, PlattScaling>();
        for (var m = 0; m < info.Moods.Count; m++)
            flags[info.Moods[m]] = FitPlatt(raw.Select(r => r.Moods[m]).ToList(), validation.Select(e => e.Moods.Contains(info.Moods[m])).ToList());
        for (var i = 0; i < info.Instruments.Count; i++)
            flags[info.Instruments[i]] = FitPlatt(raw.Select(r => r.Instruments[i]).ToList(), validation.Select(e => e.Instruments.Contains(info.Instruments[i])).ToList());

        var distances = validation.Select(e => FamiliarityLimit.DistanceOf(e.Input, info)).ToList();
        var limit = new FamiliarityLimit(Math.Round(Percentile(distances, FamiliarityPercentile), 3), FamiliarityPercentile);
        return (new LabelCalibration { GenreTemperature = Math.Round(temperature, 4), Flags = flags }, limit);
    }

    /// <summary>The temperature in [0.05, 20] that minimises the mean negative log-likelihood of the true genres (golden-section search over log T; the NLL is unimodal in it).</summary>
    public static double FitTemperature(IReadOnlyList<double[]> probabilities, IReadOnlyList<int> truth)
    {
        double Loss(double logT)
        {
            var t = Math.Exp(logT);
            return probabilities.Select((p, i) => -Math.Log(Math.Max(LabelCalibration.Soften(p, t)[truth[i]], 1e-12))).Average();
        }
        var (lo, hi) = (Math.Log(0.05), Math.Log(20));
        var golden = (Math.Sqrt(5) - 1) / 2;
        for (var step = 0; step < 80; step++)
        {
            var a = hi - golden * (hi - lo);
            var b = lo + golden * (hi - lo);
            if (Loss(a) <= Loss(b)) hi = b;
            else lo = a;
        }
        return Math.Exp((lo + hi) / 2);
    }

    /// <summary>
    /// Platt scaling over the logit of the raw probability: minimises the log loss against targets
    /// (N₊+1)/(N₊+2) and 1/(N₋+2) (Platt 1999) by Newton's method; A is kept ≥ 0 so the map stays monotone.
    /// </summary>
    public static PlattScaling FitPlatt(IReadOnlyList<double> raw, IReadOnlyList<bool> labels)
    {
        var positives = labels.Count(l => l);
        var negatives = labels.Count - positives;
        var high = (positives + 1.0) / (positives + 2.0);
        var low = 1.0 / (negatives + 2.0);
        var x = raw.Select(Logit.Of).ToArray();
        var t = labels.Select(l => l ? high : low).ToArray();
        double a = 1, b = 0;
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
            for (var i = 0; i < x.Length; i++)
            {
                var p = Logit.Sigmoid(a * x[i] + b);
                var d = p - t[i];
                var w = p * (1 - p);
                ga += d * x[i];
                gb += d;
                haa += w * x[i] * x[i];
                hab += w * x[i];
                hbb += w;
            }
            var det = haa * hbb - hab * hab;
            if (Math.Abs(det) < 1e-12) break;
            var da = (hbb * ga - hab * gb) / det;
            var db = (haa * gb - hab * ga) / det;
            a = Math.Max(0, a - da);
            b -= db;
            if (Math.Abs(da) < 1e-9 && Math.Abs(db) < 1e-9) break;
        }
        return new PlattScaling(Math.Round(a, 5), Math.Round(b, 5));
    }

    /// <summary>Linear interpolation between order statistics.</summary>
    public static double Percentile(IReadOnlyList<double> values, double share)
    {
        if (values.Count == 0) return double.PositiveInfinity;
        var sorted = values.Order().ToArray();
        var position = share * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}

/// <summary>One bin of a reliability table: the predictions whose confidence fell in [From, To).</summary>
public sealed record ReliabilityBin(double From, double To, int Count, double MeanConfidence, double Accuracy);

/// <summary>Expected calibration error over 10 equal-width confidence bins and the table behind it.</summary>
public sealed record Reliability(IReadOnlyList<ReliabilityBin> Bins, double ExpectedCalibrationError, int Count)
{
    public const int BinCount = 10;

    /// <summary>
    /// ECE = Σ (nᵦ/N)·|accuracy(b) − mean confidence(b)|. For the genre model a prediction's confidence is its top
    /// probability and it is right when that genre is true; for a yes/no model it is the probability of "yes" and the
    /// "accuracy" is the share of tracks that really have the label.
    /// </summary>
    public static Reliability Of(IReadOnlyList<(double Confidence, bool Correct)> predictions)
    {
        var bins = new List<ReliabilityBin>(BinCount);
        var ece = 0.0;
        for (var b = 0; b < BinCount; b++)
        {
            var from = (double)b / BinCount;
            var to = (double)(b + 1) / BinCount;
            var inBin = predictions.Where(p => p.Confidence >= from && (p.Confidence < to || b == BinCount - 1 && p.Confidence <= to)).ToList();
            if (inBin.Count == 0)
            {
                bins.Add(new ReliabilityBin(from, to, 0, 0, 0));
                continue;
            }
            var confidence = inBin.Average(p => p.Confidence);
            var accuracy = inBin.Count(p => p.Correct) / (double)inBin.Count;
            bins.Add(new ReliabilityBin(from, to, inBin.Count, confidence, accuracy));
            ece += inBin.Count / (double)predictions.Count * Math.Abs(accuracy - confidence);
        }
        return new Reliability(bins, predictions.Count == 0 ? 0 : ece, predictions.Count);
    }

    /// <summary>
    /// The central <paramref name="share"/> of the ECE over resamplings (with replacement) of the predictions: how far
    /// the figure of a test set of this size moves by which pieces happen to be in it.
    /// </summary>
    public static (double Low, double High) BootstrapInterval(IReadOnlyList<(double Confidence, bool Correct)> predictions, int resamplings, double share)
    {
        if (predictions.Count == 0) return (0, 0);
        var random = new Random(1);
        var eces = new double[resamplings];
        for (var r = 0; r < resamplings; r++)
            eces[r] = Of(Enumerable.Range(0, predictions.Count).Select(_ => predictions[random.Next(predictions.Count)]).ToList()).ExpectedCalibrationError;
        Array.Sort(eces);
        var tail = (1 - share) / 2;
        return (eces[(int)(tail * (resamplings - 1))], eces[(int)((1 - tail) * (resamplings - 1))]);
    }
}
