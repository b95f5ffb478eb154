using System.Numerics.Tensors;

namespace AudioPlatform.Similarity;

/// <summary>A track the user labelled themselves (a genre or mood correction): its embedding and the label they gave.</summary>
public sealed record LabelledExample(float[] Vector, string Label);

/// <summary>
/// What a user's own labels say about another of their tracks: the most likely of their labels with its confidence and
/// the runner-up, every label's score best first, or (<see cref="Label"/> null) why the model is not sure.
/// </summary>
public sealed record PersonalPrediction(LabelScore? Label, LabelScore? RunnerUp, IReadOnlyList<LabelScore> Scores, string? NotSureReason)
{
    public bool IsSure => Label is not null;
}

/// <summary>How <see cref="PersonalLabelModel"/> scores; <see cref="Default"/> is what the real-music benchmark chose on the dev split.</summary>
/// <param name="NeighboursPerClass">A label's score is the mean cosine of its this-many nearest examples: 1 is the nearest neighbour, a large number nearly the class mean.</param>
/// <param name="Temperature">
/// Softmax temperature over the labels' scores (cosine units) when the user gave one example per label, divided by the square
/// root of the mean examples per label: more examples make a label's score less noisy, so the same difference means more.
/// Fitted for log-loss on the dev split, where the best temperature at 1, 3, 5 and 10 examples followed that root.
/// </param>
/// <param name="MinOdds">
/// The model names a label only when it is at least this many times as likely as the runner-up; otherwise "not sure".
/// A ratio rather than a confidence floor, so it means the same with two labels (where no confidence is below 0.5) as with twenty.
/// </param>
/// <param name="MinSimilarity">A track whose nearest labelled example is less alike than this is unlike anything the user labelled: "not sure".</param>
public sealed record PersonalLabelOptions(int NeighboursPerClass = 3, double Temperature = 0.4, double MinOdds = 1.5, double MinSimilarity = 0.3)
{
    public static PersonalLabelOptions Default { get; } = new();
}

/// <summary>
/// A per-user label model over track embeddings (<c>TrackAnalysis.Embedding</c>, unit length, compared by cosine):
/// each of the user's labels is scored by the mean cosine of its few nearest labelled examples, and a softmax over those
/// scores gives the confidences. Scoring each label by its own nearest examples (not by a vote of the k nearest overall)
/// keeps a label the user gave once from being outvoted by one they gave fifty times. Training is storing the unit
/// vectors; a prediction is one dot product per example (10,000 tracks against 60 examples take milliseconds).
/// Immutable, so one instance may be shared between threads. Fit it per user and per facet (their genre corrections; for
/// moods, one model per mood they used, "calm" against "not calm"), only with embeddings of the same model version.
/// </summary>
public sealed class PersonalLabelModel
{
    private readonly float[][] _vectors;
    private readonly int[] _labelOf;
    private readonly string[] _labels;
    private readonly PersonalLabelOptions _options;

    private PersonalLabelModel(float[][] vectors, int[] labelOf, string[] labels, PersonalLabelOptions options)
    {
        _vectors = vectors;
        _labelOf = labelOf;
        _labels = labels;
        _options = options;
    }

    /// <summary>The labels the user gave, in order of first appearance.</summary>
    public IReadOnlyList<string> Labels => _labels;

    public int ExampleCount => _vectors.Length;

    /// <summary>The vector length the model compares; 0 without examples.</summary>
    public int Dimensions => _vectors.Length == 0 ? 0 : _vectors[0].Length;

    /// <exception cref="ArgumentException">The examples' vectors differ in length, are all zeros or not finite, or a label is blank.</exception>
    public static PersonalLabelModel Fit(IEnumerable<LabelledExample> examples, PersonalLabelOptions? options = null)
    {
        options ??= PersonalLabelOptions.Default;
        if (options.NeighboursPerClass < 1 || options.Temperature <= 0)
            throw new ArgumentException("At least one neighbour per class and a positive temperature are needed.", nameof(options));
        var labels = new List<string>();
        var vectors = new List<float[]>();
        var labelOf = new List<int>();
        foreach (var example in examples)
        {
            if (string.IsNullOrWhiteSpace(example.Label)) throw new ArgumentException("A labelled example needs a label.", nameof(examples));
            if (vectors.Count > 0 && example.Vector.Length != vectors[0].Length)
                throw new ArgumentException($"Examples of different lengths ({vectors[0].Length} and {example.Vector.Length}): embeddings of different model versions cannot be compared.", nameof(examples));
            var unit = UnitOrNull(example.Vector)
                ?? throw new ArgumentException($"The example labelled '{example.Label}' has an all-zero or non-finite vector.", nameof(examples));
            var index = labels.IndexOf(example.Label);
            if (index < 0)
            {
                index = labels.Count;
                labels.Add(example.Label);
            }
            vectors.Add(unit);
            labelOf.Add(index);
        }
        return new PersonalLabelModel([.. vectors], [.. labelOf], [.. labels], options);
    }

    /// <exception cref="ArgumentException">The vector's length is not the examples'.</exception>
    public PersonalPrediction Predict(ReadOnlySpan<float> vector)
    {
        if (_vectors.Length == 0) return NotSure([], "no labelled tracks yet");
        if (vector.Length != Dimensions)
            throw new ArgumentException($"A vector of length {vector.Length} cannot be compared with examples of length {Dimensions}.", nameof(vector));
        var norm = MathF.Sqrt(TensorPrimitives.Dot(vector, vector));
        if (!float.IsFinite(norm) || norm == 0) return NotSure([], "the track has no usable embedding");

        var (means, best) = NearestPerLabel(vector, norm);
        var scores = Softmax(means);
        if (_labels.Length == 1) return NotSure(scores, $"only one label ('{_labels[0]}') given: label tracks of another kind too to compare");
        if (best < _options.MinSimilarity) return NotSure(scores, "unlike every track you labelled");
        if (scores[0].Confidence < _options.MinOdds * scores[1].Confidence) return NotSure(scores, $"between {scores[0].Name} and {scores[1].Name}");
        return new PersonalPrediction(scores[0], scores[1], scores, null);
    }

    /// <summary>For each label, the mean cosine of its <see cref="PersonalLabelOptions.NeighboursPerClass"/> nearest examples with the vector.</summary>
    private (double[] Means, double Best) NearestPerLabel(ReadOnlySpan<float> vector, float norm)
    {
        var keep = _options.NeighboursPerClass;
        // Each label's nearest cosines so far, highest first: a small insertion sort, as the Library predicts every track at once.
        var nearest = new double[_labels.Length * keep];
        var counts = new int[_labels.Length];
        for (var i = 0; i < _vectors.Length; i++)
        {
            double cosine = TensorPrimitives.Dot(vector, _vectors[i]) / norm;
            var label = _labelOf[i];
            var row = nearest.AsSpan(label * keep, keep);
            var count = counts[label];
            if (count == keep && cosine <= row[keep - 1]) continue;
            var at = Math.Min(count, keep - 1);
            while (at > 0 && row[at - 1] < cosine)
            {
                row[at] = row[at - 1];
                at--;
            }
            row[at] = cosine;
            counts[label] = Math.Min(count + 1, keep);
        }
        var means = new double[_labels.Length];
        var best = double.MinValue;
        for (var l = 0; l < means.Length; l++)
        {
            var row = nearest.AsSpan(l * keep, counts[l]);
            var sum = 0.0;
            foreach (var cosine in row) sum += cosine;
            means[l] = sum / row.Length;
            best = Math.Max(best, row[0]);
        }
        return (means, best);
    }

    private List<LabelScore> Softmax(double[] means)
    {
        var top = means.Max();
        var temperature = _options.Temperature / Math.Sqrt((double)_vectors.Length / _labels.Length);
        var weights = means.Select(m => Math.Exp((m - top) / temperature)).ToArray();
        var sum = weights.Sum();
        return weights.Select((w, l) => new LabelScore(_labels[l], w / sum)).OrderByDescending(s => s.Confidence).ToList();
    }

    private static PersonalPrediction NotSure(IReadOnlyList<LabelScore> scores, string reason) => new(null, null, scores, reason);

    private static float[]? UnitOrNull(float[] vector)
    {
        var norm = MathF.Sqrt(TensorPrimitives.Dot<float>(vector, vector));
        if (!float.IsFinite(norm) || norm == 0) return null;
        var unit = new float[vector.Length];
        TensorPrimitives.Divide(vector, norm, unit);
        return unit;
    }
}
