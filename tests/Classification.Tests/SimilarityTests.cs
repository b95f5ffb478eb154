using AudioPlatform.Classification.Similarity;

namespace AudioPlatform.Classification.Tests;

public sealed class SimilarityTests
{
    private static readonly TrackAnnotator Annotator = new(TrackClassifier.Default);

    private static TrackProfile Profile(Training.CachedFeatures features) => Annotator.Annotate(features.FeatureVector, features.Facts).Profile(features.Facts);

    [Fact]
    public void An_embedding_has_the_fixed_length_and_unit_norm()
    {
        var embedding = Profile(Fixtures.HeldOutHouse()).Embedding;

        Assert.Equal(SimilarityEmbedding.Length(TrackClassifier.Default.Info), embedding.Length);
        Assert.Equal(1.0, Math.Sqrt(embedding.Sum(v => (double)v * v)), 5);
    }

    [Fact]
    public void A_track_is_perfectly_similar_to_itself()
    {
        var house = Profile(Fixtures.HeldOutHouse());

        Assert.Equal(1.0, SimilarityExplainer.Explain(house, house).Score, 4);
    }

    [Fact]
    public void House_is_closer_to_techno_than_to_classical()
    {
        var house = Profile(Fixtures.HeldOutHouse());
        var techno = Profile(Fixtures.HeldOutTechno());
        var classical = Profile(Fixtures.HeldOutClassical());

        Assert.True(SimilarityExplainer.Explain(house, techno).Score > SimilarityExplainer.Explain(house, classical).Score);
    }

    [Fact]
    public void Reasons_name_the_key_family_the_tempo_and_the_shared_mood()
    {
        var facts = TagsAndDescriptionTests.LoudHouse;
        var a = new TrackProfile(facts, TagsAndDescriptionTests.HouseClassification, [1, 0]);
        var b = new TrackProfile(facts with { TempoBpm = 124.5, Camelot = "9A", Key = "E minor", LoudnessLufs = -12, Energy = 0.5 },
            TagsAndDescriptionTests.HouseClassification with { Moods = [new("dark", 0.8), new("energetic", 0.3)] }, [0.6f, 0.8f]);

        var match = SimilarityExplainer.Explain(a, b);

        Assert.Equal(0.6, match.Score, 4);
        Assert.Equal(["both house", "same key family (8A and 9A)", "tempo within 3 %", "both dark", "both with drums, bass and synth"], match.Reasons);
    }

    [Theory]
    [InlineData("8A", "8A", "same key (8A)")]
    [InlineData("8A", "8B", "same key family (8A and 8B)")]
    [InlineData("12B", "1B", "same key family (12B and 1B)")]
    [InlineData("8A", "10A", null)]
    [InlineData("8A", "", null)]
    public void Keys_relate_on_the_camelot_wheel(string a, string b, string? expected) => Assert.Equal(expected, SimilarityExplainer.KeyRelation(a, b));

    [Theory]
    [InlineData(128, 128, "tempo within 1 %")]
    [InlineData(100, 105.5, "tempo within 6 %")]
    [InlineData(87, 174, "tempo at double time")]
    [InlineData(174, 87.5, "tempo at half time")]
    [InlineData(100, 120, null)]
    [InlineData(0, 120, null)]
    public void Tempos_relate_directly_or_by_octave(double a, double b, string? expected) => Assert.Equal(expected, SimilarityExplainer.TempoRelation(a, b));
}
