using AudioPlatform.Similarity.Tagging;
using AudioPlatform.Engine;
using AudioPlatform.Training;

namespace AudioPlatform.Classification.Tests;

/// <summary>
/// The committed models refuse what they were never taught: the engine's real feature vectors of generated silence,
/// tones, noise and speech-like babble get no genre, mood or instrument, with a reason; held-out music still does.
/// </summary>
public sealed class UnknownTrackTests
{
    private static readonly AudioAnalyzer Analyzer = new(new AnalyzerOptions { IncludeSpectrogram = false, WaveformPoints = 16 });

    public static TheoryData<string> NonMusic => ["silence", "sine-55", "sine-440", "sine-5000", "sine-440-clicks", "white-noise-1", "pink-noise-1", "brown-noise-1", "dtmf-1", "sweep-log-20-20000", "babble-1", "babble-2"];

    [Theory]
    [MemberData(nameof(NonMusic))]
    public async Task Non_music_gets_no_labels_and_a_reason(string probe)
    {
        var features = await AnalyseAsync(probe);

        var result = TrackClassifier.Default.Classify(features);

        Assert.True(result.IsUnknown, $"{probe} was labelled {result.TopGenre.Name} {result.TopGenre.Confidence:F2}");
        Assert.False(string.IsNullOrWhiteSpace(result.UnknownReason));
        Assert.Empty(result.LikelyMoods);
        Assert.Empty(result.LikelyInstruments);
    }

    [Fact]
    public async Task Silence_is_refused_because_it_is_silent()
    {
        var result = TrackClassifier.Default.Classify(await AnalyseAsync("silence"));

        Assert.StartsWith("silent", result.UnknownReason);
    }

    [Theory]
    [InlineData("house")]
    [InlineData("classical")]
    [InlineData("techno")]
    public void Held_out_music_is_still_labelled(string piece)
    {
        var result = TrackClassifier.Default.Classify(Fixtures.Load(piece).FeatureVector);

        Assert.False(result.IsUnknown, result.UnknownReason);
        Assert.Equal(piece, result.TopGenre.Name);
    }

    [Fact]
    public void The_committed_models_carry_a_fitted_calibration_and_familiarity_limit()
    {
        var info = TrackClassifier.Default.Info;

        Assert.NotNull(info.Calibration);
        Assert.NotNull(info.Familiarity);
        Assert.Equal(info.Moods.Count + info.Instruments.Count, info.Calibration.Flags.Count);
        Assert.InRange(info.Calibration.GenreTemperature, 0.05, 20);
        Assert.All(info.Calibration.Flags.Values, p => Assert.True(p.A >= 0, "a Platt map never reverses the order"));
    }

    [Fact]
    public void An_unknown_track_is_tagged_and_described_as_unknown_without_genre_mood_or_instrument()
    {
        var unknown = TagsAndDescriptionTests.HouseClassification with { UnknownReason = "no beat and no key" };

        var tags = TagBuilder.Build(TagsAndDescriptionTests.LoudHouse, unknown);
        var text = DescriptionWriter.Write(TagsAndDescriptionTests.LoudHouse, unknown);

        Assert.Contains(TagBuilder.LabelsUnknown, tags);
        Assert.DoesNotContain("house", tags);
        Assert.DoesNotContain("energetic", tags);
        Assert.DoesNotContain("drums", tags);
        Assert.DoesNotContain("four-on-the-floor", tags);
        Assert.DoesNotContain("house", text);
        Assert.DoesNotContain("drums", text);
        Assert.Contains("Genre, mood and instruments unknown: no beat and no key.", text);
    }

    [Fact]
    public void A_genre_of_middling_confidence_is_described_as_likely()
    {
        var middling = TagsAndDescriptionTests.HouseClassification with { Genres = [new("house", 0.5), new("techno", 0.3), new("pop", 0.2)] };

        var text = DescriptionWriter.Write(TagsAndDescriptionTests.LoudHouse, middling);

        Assert.StartsWith("A driving 128 BPM track, likely house, in A minor (8A)", text);
    }

    private static async Task<float[]> AnalyseAsync(string probe)
    {
        var (_, id, samples) = ProbeSignals.Generated().Single(p => p.Id == probe);
        var file = Path.Combine(Path.GetTempPath(), $"classification-probe-{id}-{Guid.NewGuid():N}.wav");
        try
        {
            WavFile.Write(file, samples, ProbeSignals.Rate);
            return (await Analyzer.AnalyzeAsync(file)).FeatureVector;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
