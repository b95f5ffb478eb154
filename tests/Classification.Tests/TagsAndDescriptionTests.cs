using AudioPlatform.Similarity.Tagging;

namespace AudioPlatform.Classification.Tests;

public sealed class TagsAndDescriptionTests
{
    internal static TrackFacts LoudHouse => new(
        DurationSeconds: 210, TempoBpm: 128.02, TempoConfidence: 0.9, TimeSignature: "4/4", Key: "A minor", KeyMode: "minor", KeyConfidence: 0.7,
        Camelot: "8A", LoudnessLufs: -7.9, LoudnessRangeLu: 4.2, TruePeakDbtp: -0.3, Energy: 0.82, Danceability: 0.78, Valence: 0.4);

    internal static TrackClassification HouseClassification => new(
        [new("house", 0.81), new("techno", 0.12), new("pop", 0.07)],
        [new("energetic", 0.9), new("dark", 0.7), new("happy", 0.2)],
        [new("drums", 0.99), new("bass", 0.95), new("synth", 0.8), new("piano", 0.3)]);

    [Fact]
    public void A_loud_house_track_gets_its_genre_tempo_key_moods_groove_and_master_tags()
    {
        var tags = TagBuilder.Build(LoudHouse, HouseClassification);

        Assert.Equal(
            ["house", "128-bpm", "uptempo", "a-minor", "camelot-8a", "energetic", "dark", "drums", "bass", "synth", "four-on-the-floor", "loud-master", "high-energy", "danceable"],
            tags);
    }

    [Fact]
    public void A_genre_the_model_is_unsure_of_is_not_tagged()
    {
        var unsure = HouseClassification with { Genres = [new("house", 0.35), new("techno", 0.33), new("pop", 0.32)] };

        var tags = TagBuilder.Build(LoudHouse, unsure);

        Assert.DoesNotContain("house", tags);
        Assert.Contains("four-on-the-floor", tags);
    }

    [Theory]
    [InlineData("A minor", "a-minor")]
    [InlineData("F# major", "f-sharp-major")]
    [InlineData("Bb minor", "b-flat-minor")]
    [InlineData("", null)]
    public void Keys_become_hyphenated_tags(string key, string? expected) => Assert.Equal(expected, TagBuilder.KeyTag(key));

    [Fact]
    public void The_description_names_character_tempo_genre_key_instruments_moods_and_loudness()
    {
        var text = DescriptionWriter.Write(LoudHouse, HouseClassification);

        Assert.Equal(
            "A driving 128 BPM house track in A minor (8A) with drums, bass and synth. It feels energetic and dark. " +
            "Mastered loud at −7.9 LUFS (true peak −0.3 dBTP).",
            text);
    }

    [Fact]
    public void A_quiet_waltz_with_an_unsure_genre_says_so()
    {
        var facts = LoudHouse with { TempoBpm = 84, TimeSignature = "3/4", Key = "Eb major", Camelot = "5B", LoudnessLufs = -23.4, LoudnessRangeLu = 12.5, TruePeakDbtp = -6 };
        var classification = new TrackClassification(
            [new("classical", 0.38), new("jazz", 0.35), new("ambient", 0.27)],
            [new("calm", 0.8), new("relaxed", 0.6)],
            [new("piano", 0.9), new("strings", 0.7)]);

        var text = DescriptionWriter.Write(facts, classification);

        Assert.Equal(
            "A laid-back 84 BPM track in Eb major (5B), in 3/4 with piano and strings, somewhere between classical and jazz. It feels calm and relaxed. " +
            "Mastered with plenty of headroom at −23.4 LUFS (true peak −6.0 dBTP, a wide loudness range of 12.5 LU).",
            text);
    }

    [Fact]
    public void A_description_without_a_mood_starting_with_eighty_uses_an()
    {
        var facts = LoudHouse with { TempoBpm = 84 };
        var classification = HouseClassification with { Moods = [new("calm", 0.1)] };

        Assert.StartsWith("An 84 BPM house track", DescriptionWriter.Write(facts, classification));
    }
}
