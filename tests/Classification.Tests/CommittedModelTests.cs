namespace AudioPlatform.Classification.Tests;

public sealed class CommittedModelTests
{
    [Fact]
    public void The_committed_models_load_and_give_identical_answers_every_time()
    {
        var features = Fixtures.HeldOutHouse().FeatureVector;
        var first = TrackClassifier.Load(TrackClassifier.DefaultModelDirectory);
        var second = TrackClassifier.Load(TrackClassifier.DefaultModelDirectory);

        var a = first.Classify(features);
        var b = first.Classify(features);
        var c = second.Classify(features);

        Assert.Equal(Flatten(a), Flatten(b));
        Assert.Equal(Flatten(a), Flatten(c));
    }

    [Fact]
    public void Genre_probabilities_cover_every_genre_and_sum_to_one()
    {
        var result = TrackClassifier.Default.Classify(Fixtures.HeldOutClassical().FeatureVector);

        Assert.Equal(TrackClassifier.Default.Info.Genres.Count, result.Genres.Count);
        Assert.Equal(1.0, result.Genres.Sum(g => g.Confidence), 3);
        Assert.True(result.Genres.Zip(result.Genres.Skip(1)).All(p => p.First.Confidence >= p.Second.Confidence), "genres are ordered best first");
        Assert.All(result.Moods.Concat(result.Instruments), s => Assert.InRange(s.Confidence, 0, 1));
    }

    [Fact]
    public void A_held_out_classical_piece_is_recognised_as_classical_without_drums()
    {
        var result = TrackClassifier.Default.Classify(Fixtures.HeldOutClassical().FeatureVector);

        Assert.Equal("classical", result.TopGenre.Name);
        Assert.True(result.Probability("drums") < TrackClassifier.Threshold, $"drums at {result.Probability("drums"):F2}");
    }

    [Fact]
    public void A_held_out_techno_piece_is_heard_with_drums()
    {
        var result = TrackClassifier.Default.Classify(Fixtures.HeldOutTechno().FeatureVector);

        Assert.Contains(result.LikelyInstruments, i => i.Name == "drums");
    }

    private static double[] Flatten(TrackClassification c) =>
        [.. c.Genres.Concat(c.Moods).Concat(c.Instruments).OrderBy(s => s.Name, StringComparer.Ordinal).Select(s => s.Confidence)];
}
