namespace AudioPlatform.Similarity.Tests;

public class PersonalLabelModelTests
{
    // Unit directions in a small space stand in for embeddings: two tracks are alike when their vectors point the same way.
    private static float[] Towards(params (int Axis, float Weight)[] parts)
    {
        var vector = new float[8];
        foreach (var (axis, weight) in parts) vector[axis] = weight;
        return vector;
    }

    private static readonly float[] Ambient = Towards((0, 1f));
    private static readonly float[] Techno = Towards((1, 1f));

    private static PersonalLabelModel TwoLabels(PersonalLabelOptions? options = null) => PersonalLabelModel.Fit(
    [
        new(Towards((0, 1f), (2, 0.1f)), "ambient"),
        new(Towards((0, 1f), (3, 0.1f)), "ambient"),
        new(Towards((1, 1f), (2, 0.1f)), "techno"),
        new(Towards((1, 1f), (3, 0.1f)), "techno"),
    ], options);

    [Fact]
    public void Without_labelled_tracks_the_model_is_not_sure()
    {
        var prediction = PersonalLabelModel.Fit([]).Predict(Ambient);

        Assert.False(prediction.IsSure);
        Assert.Null(prediction.Label);
        Assert.Equal("no labelled tracks yet", prediction.NotSureReason);
    }

    [Fact]
    public void A_track_near_one_labels_examples_gets_that_label_with_the_other_as_runner_up()
    {
        var prediction = TwoLabels().Predict(Towards((0, 1f), (1, 0.2f)));

        Assert.True(prediction.IsSure);
        Assert.Equal("ambient", prediction.Label!.Name);
        Assert.True(prediction.Label.Confidence > 0.8, $"confidence {prediction.Label.Confidence}");
        Assert.Equal("techno", prediction.RunnerUp!.Name);
        Assert.Equal(1 - prediction.Label.Confidence, prediction.RunnerUp.Confidence, 9);
    }

    [Fact]
    public void The_scores_cover_every_label_best_first_and_sum_to_one()
    {
        var scores = TwoLabels().Predict(Towards((1, 1f), (0, 0.5f))).Scores;

        Assert.Equal(["techno", "ambient"], scores.Select(s => s.Name));
        Assert.True(scores[0].Confidence >= scores[1].Confidence);
        Assert.Equal(1, scores.Sum(s => s.Confidence), 9);
    }

    [Fact]
    public void A_track_halfway_between_two_labels_is_not_sure_and_says_between_which()
    {
        var prediction = TwoLabels().Predict(Towards((0, 1f), (1, 1f)));

        Assert.False(prediction.IsSure);
        Assert.StartsWith("between ", prediction.NotSureReason);
        Assert.Equal(0.5, prediction.Scores[0].Confidence, 6);
    }

    [Fact]
    public void A_track_unlike_every_labelled_track_is_not_sure()
    {
        var prediction = TwoLabels().Predict(Towards((5, 1f)));

        Assert.False(prediction.IsSure);
        Assert.Equal("unlike every track you labelled", prediction.NotSureReason);
    }

    [Fact]
    public void One_label_alone_cannot_tell_tracks_apart()
    {
        var model = PersonalLabelModel.Fit([new(Ambient, "ambient"), new(Towards((0, 1f), (2, 0.2f)), "ambient")]);

        var prediction = model.Predict(Ambient);

        Assert.False(prediction.IsSure);
        Assert.Contains("only one label", prediction.NotSureReason);
    }

    [Fact]
    public void A_label_given_once_is_not_outvoted_by_one_given_many_times()
    {
        // Twenty "techno" tracks spread around axis 1, one "ambient" track on axis 0: a plain vote of the nearest five would say techno.
        var examples = Enumerable.Range(0, 20).Select(i => new LabelledExample(Towards((1, 1f), (0, 0.3f), (2 + i % 6, 0.3f)), "techno"))
            .Append(new LabelledExample(Ambient, "ambient"));

        var prediction = PersonalLabelModel.Fit(examples).Predict(Towards((0, 1f), (4, 0.1f)));

        Assert.Equal("ambient", prediction.Label?.Name);
    }

    [Fact]
    public void Vectors_are_compared_by_direction_not_length()
    {
        var model = TwoLabels();

        var unit = model.Predict(Towards((1, 1f), (0, 0.3f)));
        var scaled = model.Predict(Towards((1, 40f), (0, 12f)));

        Assert.Equal(unit.Label!.Confidence, scaled.Label!.Confidence, 6);
    }

    [Fact]
    public void Examples_of_different_lengths_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => PersonalLabelModel.Fit([new(Ambient, "ambient"), new(new float[4] { 1, 0, 0, 0 }, "techno")]));

        Assert.Contains("different lengths", error.Message);
    }

    [Fact]
    public void A_track_of_another_length_than_the_examples_is_refused()
    {
        Assert.Throws<ArgumentException>(() => TwoLabels().Predict(new float[4] { 1, 0, 0, 0 }));
    }

    [Fact]
    public void An_all_zero_example_is_refused_and_an_all_zero_track_is_not_sure()
    {
        Assert.Throws<ArgumentException>(() => PersonalLabelModel.Fit([new(new float[8], "ambient")]));

        var prediction = TwoLabels().Predict(new float[8]);

        Assert.False(prediction.IsSure);
        Assert.Equal("the track has no usable embedding", prediction.NotSureReason);
    }

    [Fact]
    public void A_blank_label_is_refused()
    {
        Assert.Throws<ArgumentException>(() => PersonalLabelModel.Fit([new(Techno, " ")]));
    }

    [Fact]
    public void A_lower_not_sure_threshold_names_a_label_the_default_withholds()
    {
        var between = Towards((0, 1f), (1, 0.97f));

        var strict = TwoLabels().Predict(between);
        var lenient = TwoLabels(PersonalLabelOptions.Default with { MinOdds = 1 }).Predict(between);

        Assert.False(strict.IsSure);
        Assert.Equal("ambient", lenient.Label?.Name);
    }

    [Fact]
    public void A_label_is_scored_by_its_few_nearest_examples_not_by_its_single_nearest()
    {
        // One "ambient" example is nearest to the track but its other two are far; all three "techno" examples are fairly near.
        LabelledExample[] examples =
        [
            new(Towards((0, 1f), (7, 0.1f)), "ambient"),
            new(Towards((5, 1f)), "ambient"),
            new(Towards((6, 1f)), "ambient"),
            new(Towards((0, 1f), (1, 1f)), "techno"),
            new(Towards((0, 1f), (1, 0.8f)), "techno"),
            new(Towards((0, 1f), (1, 1.2f)), "techno"),
            new(Towards((4, 1f)), "techno"),
        ];
        var track = Towards((0, 1f), (2, 0.1f));

        var nearestOnly = PersonalLabelModel.Fit(examples, PersonalLabelOptions.Default with { NeighboursPerClass = 1, MinOdds = 1 }).Predict(track);
        var nearestThree = PersonalLabelModel.Fit(examples, PersonalLabelOptions.Default with { NeighboursPerClass = 3, MinOdds = 1 }).Predict(track);

        Assert.Equal("ambient", nearestOnly.Label?.Name);
        Assert.Equal("techno", nearestThree.Label?.Name);
    }
}
