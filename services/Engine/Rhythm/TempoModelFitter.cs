namespace AudioPlatform.Engine.Rhythm;

/// <summary>
/// Fits <see cref="TempoModel"/> by maximum likelihood: for each track, the candidate levels' evidence and which level
/// the reference tempo is; the weights maximise Σ log P(reference level) under the softmax over each track's candidates
/// (a conditional logit, concave, so Newton's method finds the one optimum), with a small ridge penalty so a feature
/// that never separates levels stays near zero instead of drifting.
/// </summary>
public static class TempoModelFitter
{
    /// <summary>
    /// One track: the evidence of every candidate level, the index of the one the reference names, and how much the
    /// track weighs in the likelihood (so one source of examples can be balanced against another).
    /// </summary>
    public sealed record Example(IReadOnlyList<TempoEvidence> Candidates, int Reference, double Weight = 1);

    /// <summary>
    /// The candidate within 4 % of <paramref name="referenceBpm"/> (the nearest if several), or -1 when the reference
    /// is none of the levels considered (then the track says nothing about the octave decision).
    /// </summary>
    public static int ReferenceIndex(IReadOnlyList<TempoCandidate> candidates, double referenceBpm)
    {
        var best = -1;
        var bestError = 0.04;
        for (var i = 0; i < candidates.Count; i++)
        {
            var error = Math.Abs(candidates[i].Bpm / referenceBpm - 1);
            if (error <= bestError) { best = i; bestError = error; }
        }
        return best;
    }

    public static TempoModel Fit(IReadOnlyList<Example> examples, double ridge = 0.01, int iterations = 50)
    {
        var usable = examples.Where(e => e.Reference >= 0 && e.Reference < e.Candidates.Count && e.Candidates.Count > 1)
            .Select(e => new FeatureExample(e.Candidates.Select(c => c.Features()).ToArray(), e.Reference, e.Weight))
            .ToList();
        return usable.Count == 0 ? TempoModel.Prior : TempoModel.FromArray(Fit(usable, TempoModel.Prior.ToArray(), ridge, iterations));
    }

    /// <summary>One track as raw feature vectors, one per candidate level (for trying features the model does not have yet).</summary>
    public sealed record FeatureExample(double[][] Candidates, int Reference, double Weight = 1);

    /// <summary>The weights maximising the penalised conditional likelihood, starting from <paramref name="start"/>.</summary>
    public static double[] Fit(IReadOnlyList<FeatureExample> examples, double[] start, double ridge = 0.01, int iterations = 50)
    {
        var usable = examples.Where(e => e.Reference >= 0 && e.Reference < e.Candidates.Length && e.Candidates.Length > 1).ToList();
        var k = start.Length;
        var w = (double[])start.Clone();
        if (usable.Count == 0) return w;
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var gradient = new double[k];
            var hessian = new double[k, k];
            for (var j = 0; j < k; j++) { gradient[j] = -ridge * w[j]; hessian[j, j] = -ridge; }
            foreach (var example in usable)
            {
                var f = example.Candidates;
                var p = Softmax(f, w);
                var mean = new double[k];
                for (var c = 0; c < f.Length; c++)
                    for (var j = 0; j < k; j++) mean[j] += p[c] * f[c][j];
                var truth = f[example.Reference];
                var weight = example.Weight;
                for (var j = 0; j < k; j++) gradient[j] += weight * (truth[j] - mean[j]);
                for (var c = 0; c < f.Length; c++)
                    for (var a = 0; a < k; a++)
                        for (var b = 0; b < k; b++)
                            hessian[a, b] -= weight * p[c] * (f[c][a] - mean[a]) * (f[c][b] - mean[b]);
            }
            var step = Solve(hessian, gradient);
            double size = 0;
            for (var j = 0; j < k; j++) { w[j] -= step[j]; size += step[j] * step[j]; }
            if (size < 1e-12) break;
        }
        return w;
    }

    /// <summary>The share of examples whose reference level the model ranks first.</summary>
    public static double Accuracy(TempoModel model, IReadOnlyList<Example> examples)
    {
        var usable = examples.Where(e => e.Reference >= 0).ToList();
        if (usable.Count == 0) return double.NaN;
        var right = usable.Count(e =>
        {
            var scores = e.Candidates.Select(model.Score).ToList();
            return scores.IndexOf(scores.Max()) == e.Reference;
        });
        return (double)right / usable.Count;
    }

    private static double[] Softmax(double[][] features, double[] w)
    {
        var scores = new double[features.Length];
        for (var c = 0; c < features.Length; c++)
            for (var j = 0; j < w.Length; j++) scores[c] += w[j] * features[c][j];
        var top = scores.Max();
        double total = 0;
        for (var c = 0; c < scores.Length; c++) total += scores[c] = Math.Exp(scores[c] - top);
        for (var c = 0; c < scores.Length; c++) scores[c] /= total;
        return scores;
    }

    /// <summary>Solves A·x = b by Gaussian elimination with partial pivoting (A is small and negative definite here).</summary>
    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++) if (Math.Abs(m[r, col]) > Math.Abs(m[pivot, col])) pivot = r;
            if (pivot != col)
            {
                for (var c = 0; c < n; c++) (m[col, c], m[pivot, c]) = (m[pivot, c], m[col, c]);
                (x[col], x[pivot]) = (x[pivot], x[col]);
            }
            for (var r = col + 1; r < n; r++)
            {
                var factor = m[r, col] / m[col, col];
                for (var c = col; c < n; c++) m[r, c] -= factor * m[col, c];
                x[r] -= factor * x[col];
            }
        }
        for (var r = n - 1; r >= 0; r--)
        {
            for (var c = r + 1; c < n; c++) x[r] -= m[r, c] * x[c];
            x[r] /= m[r, r];
        }
        return x;
    }
}
