using AudioPlatform.Engine.Rhythm;

namespace AudioPlatform.Engine.Tests.Rhythm;

public class TempoModelFitterTests
{
    /// <summary>
    /// Tracks drawn from a known model (a prior centred on 100 BPM, half an octave wide, and periodicity weight 2): each
    /// has levels at a half, one and two times a base tempo with random periodicities, and its reference level is drawn
    /// from that model's probabilities. Fitting on enough of them must find the prior again.
    /// </summary>
    [Fact]
    public void Fitting_recovers_the_prior_that_generated_the_references()
    {
        var truth = new TempoModel(2, 0, 0, 0, -2 * Math.Log2(100.0 / 120) * -2, -2, 0);
        var random = new Random(11);
        var examples = new List<TempoModelFitter.Example>();
        for (var i = 0; i < 3000; i++)
        {
            var baseBpm = 60 * Math.Pow(2, random.NextDouble() * 1.5);
            var levels = new[] { 0.5, 1, 2 }
                .Select(f => new TempoEvidence(Math.Log(0.1 + 0.8 * random.NextDouble()), 0, 0, 0, Math.Log2(baseBpm * f / 120), 0))
                .ToList();
            var scores = levels.Select(truth.Score).ToArray();
            var top = scores.Max();
            var weights = scores.Select(s => Math.Exp(s - top)).ToArray();
            var draw = random.NextDouble() * weights.Sum();
            var reference = 0;
            while (reference < weights.Length - 1 && (draw -= weights[reference]) > 0) reference++;
            examples.Add(new TempoModelFitter.Example(levels, reference));
        }

        var fitted = TempoModelFitter.Fit(examples);

        Assert.InRange(fitted.PriorCentreBpm, 90, 110);
        Assert.InRange(fitted.PriorWidthOctaves, 0.4, 0.6);
        Assert.InRange(fitted.Periodicity, 1.6, 2.4);
        Assert.True(TempoModelFitter.Accuracy(fitted, examples) >= TempoModelFitter.Accuracy(TempoModel.Prior, examples));
    }

    [Fact]
    public void The_reference_level_is_the_candidate_within_four_percent()
    {
        TempoCandidate[] candidates = [new(60, 0.2), new(120, 0.7), new(240, 0.1)];

        Assert.Equal(1, TempoModelFitter.ReferenceIndex(candidates, 123));
        Assert.Equal(-1, TempoModelFitter.ReferenceIndex(candidates, 90));
    }
}
