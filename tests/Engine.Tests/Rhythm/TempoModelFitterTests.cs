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

    /// <summary>A weight of two counts a track as twice as much as once: the fit equals the fit on the track repeated.</summary>
    [Fact]
    public void A_weighted_track_counts_as_that_many_copies()
    {
        var random = new Random(3);
        TempoModelFitter.Example Track() => new(
            [.. new[] { 0.5, 1, 2 }.Select(f => new TempoEvidence(Math.Log(0.1 + 0.8 * random.NextDouble()), 0, 0, 0, Math.Log2(100 * f / 120), 0,
                Math.Log(0.1 + 0.8 * random.NextDouble()), random.NextDouble()))],
            random.Next(3));
        var tracks = Enumerable.Range(0, 200).Select(_ => Track()).ToList();

        var weighted = TempoModelFitter.Fit([.. tracks.Take(100), .. tracks.Skip(100).Select(t => t with { Weight = 2 })]).ToArray();
        var repeated = TempoModelFitter.Fit([.. tracks.Take(100), .. tracks.Skip(100), .. tracks.Skip(100)]).ToArray();
        var once = TempoModelFitter.Fit(tracks).ToArray();

        for (var i = 0; i < weighted.Length; i++) Assert.Equal(repeated[i], weighted[i], 6);
        Assert.Contains(Enumerable.Range(0, once.Length), i => Math.Abs(once[i] - weighted[i]) > 1e-3);
    }

    [Fact]
    public void The_reference_level_is_the_candidate_within_four_percent()
    {
        TempoCandidate[] candidates = [new(60, 0.2), new(120, 0.7), new(240, 0.1)];

        Assert.Equal(1, TempoModelFitter.ReferenceIndex(candidates, 123));
        Assert.Equal(-1, TempoModelFitter.ReferenceIndex(candidates, 90));
    }
}
