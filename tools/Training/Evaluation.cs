using System.Diagnostics;
using AudioPlatform.Classification;
using AudioPlatform.Classification.Similarity;

namespace AudioPlatform.Training;

/// <summary>Precision, recall and F1 of one label.</summary>
public sealed record LabelMetrics(string Label, int Support, int TruePositives, int FalsePositives, int FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : (double)TruePositives / (TruePositives + FalseNegatives);
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

public sealed record TaskMetrics(IReadOnlyList<LabelMetrics> Labels)
{
    /// <summary>Mean of the per-label F1 over labels that occur in the test set.</summary>
    public double MacroF1 => Labels.Where(l => l.Support > 0).Select(l => l.F1).DefaultIfEmpty(0).Average();

    public double MicroF1
    {
        get
        {
            var tp = Labels.Sum(l => l.TruePositives);
            var fp = Labels.Sum(l => l.FalsePositives);
            var fn = Labels.Sum(l => l.FalseNegatives);
            return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
        }
    }
}

/// <summary>Top-1 accuracy of the instrument models on real recordings of one instrument.</summary>
public sealed record RealTop1(string Instrument, int Clips, int Correct, IReadOnlyList<(string Id, string Predicted)> Misses)
{
    public double Accuracy => Clips == 0 ? 0 : (double)Correct / Clips;
}

public sealed record EvaluationReport(
    string HeldOutSource,
    int HeldOutCount,
    double GenreAccuracy,
    TaskMetrics Genre,
    IReadOnlyList<string> GenreLabels,
    int[,] GenreConfusion,
    TaskMetrics Moods,
    TaskMetrics Instruments,
    IReadOnlyList<RealTop1> Real,
    double SimilarityPrecisionAt5,
    double MeanBrierGenre,
    double MicrosecondsPerPrediction,
    TaskMetrics TrainingGenre,
    IReadOnlyList<RealTop1> RealTrainSources,
    bool RealInTraining)
{
    public static int Correct(IReadOnlyList<RealTop1> real) => real.Sum(r => r.Correct);

    public static int Clips(IReadOnlyList<RealTop1> real) => real.Sum(r => r.Clips);

    public void Print(TextWriter log)
    {
        log.WriteLine();
        log.WriteLine($"Held-out soundfont {HeldOutSource}, {HeldOutCount} pieces:");
        Line(log, "genre macro-F1", Genre.MacroF1, 0.80);
        log.WriteLine($"  {"genre accuracy",-34} {GenreAccuracy,8:F3}");
        Line(log, "instrument micro-F1", Instruments.MicroF1, 0.80);
        log.WriteLine($"  {"instrument macro-F1",-34} {Instruments.MacroF1,8:F3}");
        Line(log, "mood macro-F1", Moods.MacroF1, 0.70);
        log.WriteLine($"  {"mood micro-F1",-34} {Moods.MicroF1,8:F3}");
        Line(log, "similarity precision@5 (same genre)", SimilarityPrecisionAt5, 0.80);
        log.WriteLine($"  {"prediction time per track",-34} {MicrosecondsPerPrediction / 1000,8:F3} ms (all 18 models, target < 10 ms)");
        log.WriteLine($"  {"training-set genre macro-F1",-34} {TrainingGenre.MacroF1,8:F3} (fit, not generalisation)");
        if (Real.Count > 0)
        {
            log.WriteLine($"Real recordings of the test sources (never trained on), instrument top-1: {Correct(Real)}/{Clips(Real)}");
            foreach (var r in Real) log.WriteLine($"  {r.Instrument,-12} {r.Correct,3}/{r.Clips,-3} {r.Accuracy,6:P0}  missed: {string.Join(' ', r.Misses.Select(m => $"{m.Id}→{m.Predicted}"))}");
        }
        if (RealTrainSources.Count > 0)
        {
            log.WriteLine($"Real recordings of the training sources ({(RealInTraining ? "trained on: fit, not generalisation" : "not trained on")}), instrument top-1: {Correct(RealTrainSources)}/{Clips(RealTrainSources)}");
            foreach (var r in RealTrainSources) log.WriteLine($"  {r.Instrument,-12} {r.Correct,3}/{r.Clips,-3} {r.Accuracy,6:P0}");
        }
    }

    private static void Line(TextWriter log, string name, double value, double target) =>
        log.WriteLine($"  {name,-34} {value,8:F3}   target ≥ {target:F2}  {(value >= target ? "ok" : "MISSED")}");
}

public static class Evaluation
{
    /// <summary>Loads the written models exactly as the service does and scores them on held-out sound.</summary>
    public static EvaluationReport Run(string modelDirectory, TrainingPipeline.PreparedData data, ModelInfo info)
    {
        var classifier = TrackClassifier.Load(modelDirectory);
        var heldOut = data.HeldOut;
        var predictions = heldOut.Select(e => classifier.Classify(e.FeatureVector)).ToList();

        var genres = info.Genres;
        var confusion = new int[genres.Count, genres.Count];
        for (var i = 0; i < heldOut.Count; i++)
            confusion[IndexOf(genres, heldOut[i].Genre!), IndexOf(genres, predictions[i].TopGenre.Name)]++;
        var genreMetrics = new TaskMetrics(genres.Select((g, i) => new LabelMetrics(g,
            Enumerable.Range(0, genres.Count).Sum(p => confusion[i, p]),
            confusion[i, i],
            Enumerable.Range(0, genres.Count).Where(t => t != i).Sum(t => confusion[t, i]),
            Enumerable.Range(0, genres.Count).Where(p => p != i).Sum(p => confusion[i, p]))).ToList());
        var accuracy = heldOut.Count == 0 ? 0 : (double)Enumerable.Range(0, genres.Count).Sum(i => confusion[i, i]) / heldOut.Count;
        var brier = heldOut.Select((e, i) => genres.Sum(g => Math.Pow(predictions[i].Probability(g) - (g == e.Genre ? 1 : 0), 2))).DefaultIfEmpty(0).Average();

        var trainMusic = data.Train.Where(e => e.Genre is not null).ToList();
        var trainPredictions = trainMusic.Select(e => classifier.Classify(e.FeatureVector).TopGenre.Name).ToList();
        var trainGenre = new TaskMetrics(genres.Select(g => Flags(g, trainMusic.Select((e, i) => (e.Genre == g, trainPredictions[i] == g)))).ToList());

        var moods = new TaskMetrics(info.Moods.Select(m => Flags(m, heldOut.Select((e, i) => (e.Moods.Contains(m), predictions[i].Probability(m) >= TrackClassifier.Threshold)))).ToList());
        var instruments = new TaskMetrics(info.Instruments.Select(m => Flags(m, heldOut.Select((e, i) => (e.Instruments.Contains(m), predictions[i].Probability(m) >= TrackClassifier.Threshold)))).ToList());

        IReadOnlyList<RealTop1> RealTop1PerInstrument(IReadOnlyList<Example> clips) => clips.GroupBy(r => r.Instruments[0]).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var misses = new List<(string, string)>();
            var correct = 0;
            foreach (var clip in g)
            {
                var top = classifier.Classify(clip.FeatureVector).Instruments[0].Name;
                if (top == g.Key) correct++;
                else misses.Add((clip.Id, top));
            }
            return new RealTop1(g.Key, g.Count(), correct, misses);
        }).ToList();
        var real = RealTop1PerInstrument(data.Real);
        var realTrainSources = RealTop1PerInstrument(data.RealTrainSources);

        var embeddings = heldOut.Select((e, i) => SimilarityEmbedding.Build(e.Input, predictions[i], classifier.Info)).ToList();
        var precisionAt5 = PrecisionAt(5, heldOut.Select(e => e.Genre!).ToList(), embeddings);

        // The first prediction compiles the pipelines; a service pays that once, so it is left out of the timing.
        if (heldOut.Count > 0) classifier.Classify(heldOut[0].FeatureVector);
        var clock = Stopwatch.StartNew();
        var rounds = 0;
        foreach (var e in heldOut.Take(200)) { classifier.Classify(e.FeatureVector); rounds++; }
        var microseconds = rounds == 0 ? 0 : clock.Elapsed.TotalMicroseconds / rounds;

        return new EvaluationReport(heldOut.FirstOrDefault()?.Source ?? "", heldOut.Count, accuracy, genreMetrics, genres, confusion, moods, instruments, real,
            precisionAt5, brier, microseconds, trainGenre, realTrainSources, data.RealInTraining);
    }

    /// <summary>For every track, the share of its k nearest others (cosine) that have its genre, averaged.</summary>
    public static double PrecisionAt(int k, IReadOnlyList<string> genres, IReadOnlyList<float[]> embeddings)
    {
        if (embeddings.Count <= k) return 0;
        var total = 0.0;
        for (var i = 0; i < embeddings.Count; i++)
        {
            var nearest = Enumerable.Range(0, embeddings.Count).Where(j => j != i)
                .OrderByDescending(j => SimilarityEmbedding.Cosine(embeddings[i], embeddings[j])).ThenBy(j => j).Take(k);
            total += nearest.Count(j => genres[j] == genres[i]) / (double)k;
        }
        return total / embeddings.Count;
    }

    private static LabelMetrics Flags(string label, IEnumerable<(bool Truth, bool Predicted)> pairs)
    {
        var list = pairs.ToList();
        return new LabelMetrics(label, list.Count(p => p.Truth), list.Count(p => p.Truth && p.Predicted), list.Count(p => !p.Truth && p.Predicted), list.Count(p => p.Truth && !p.Predicted));
    }

    private static int IndexOf(IReadOnlyList<string> labels, string label)
    {
        for (var i = 0; i < labels.Count; i++) if (labels[i] == label) return i;
        throw new InvalidOperationException($"Label '{label}' is not one of the model's.");
    }
}
