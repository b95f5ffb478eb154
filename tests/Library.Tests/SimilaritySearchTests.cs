
using AudioPlatform.Library.Infrastructure;
using AudioPlatform.Library.IntegrationEvents;
using AudioPlatform.Library.Model;
using LiteDB;

namespace AudioPlatform.Library.Tests;

/// <summary>Similar tracks from what the library stored, on a real LiteDB file.</summary>
public sealed class SimilaritySearchTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"audioplatform-similarity-{Guid.NewGuid():N}.db");
    private readonly LiteDatabase _database;
    private readonly LiteDbTrackRepository _tracks;

    public SimilaritySearchTests()
    {
        _database = new LiteDatabase($"Filename={_file};Connection=direct");
        _tracks = new LiteDbTrackRepository(_database);
    }

    public void Dispose()
    {
        _database.Dispose();
        File.Delete(_file);
    }

    private static string Document(float[] embedding, string camelot = "8A", double bpm = 128, string genre = "house", string[]? moods = null, string modelVersion = "v1") =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            durationSeconds = 180.0, tempoBpm = bpm, tempoConfidence = 0.9, timeSignature = "4/4", key = "A minor", keyMode = "minor",
            keyConfidence = 0.8, camelot, loudnessLufs = -8.0, loudnessRangeLu = 5.0, truePeakDbtp = -0.5, energy = 0.8,
            danceability = 0.7, valence = 0.4,
            genres = new[] { new { name = genre, confidence = 0.9 } },
            moods = (moods ?? ["energetic"]).Select(m => new { name = m, confidence = 0.8 }),
            instruments = new[] { new { name = "drums", confidence = 0.9 } },
            tags = new[] { genre, $"{bpm:0}-bpm" },
            description = "A test track.",
            embedding,
            modelVersion,
        });

    private async Task<Track> AnalysedAsync(string userId, string title, string document)
    {
        var track = new Track
        {
            Id = Guid.NewGuid(), UserId = userId, Title = title, FileName = $"{title}.wav", Format = "wav", ObjectKey = "k",
            Status = TrackStatus.Uploaded, CreatedAt = T0.UtcDateTime, LastEventAt = T0.UtcDateTime,
        };
        await _tracks.AddUploadedAsync(track);
        Assert.Equal(TransitionOutcome.Applied, await _tracks.MarkAnalyzedAsync(userId, track.Id, AnalysisDocument.Read(document, "test"), T0.AddMinutes(1)));
        return (await _tracks.GetAsync(userId, track.Id))!;
    }

    [Fact]
    public void The_analysis_document_promotes_labels_tags_description_embedding_and_model_version()
    {
        var analysis = AnalysisDocument.Read(Document([0.6f, 0.8f], moods: ["dark", "energetic"]), "engine-1");

        Assert.Equal(["house"], analysis.Genres.Select(g => g.Name));
        Assert.Equal(0.9, analysis.Genres[0].Confidence);
        Assert.Equal(["dark", "energetic"], analysis.Moods.Select(m => m.Name));
        Assert.Equal(["house", "128-bpm"], analysis.Tags);
        Assert.Equal("A test track.", analysis.Description);
        Assert.Equal([0.6f, 0.8f], analysis.Embedding);
        Assert.Equal("v1", analysis.ModelVersion);
    }

    [Fact]
    public void An_embedding_with_a_value_that_is_not_a_number_is_dropped_whole()
    {
        var json = Document([0.6f, 0.8f]).Replace("[0.6,0.8]", "[0.6,\"NaN\"]");

        Assert.Empty(AnalysisDocument.Read(json, "engine-1").Embedding);
    }

    [Fact]
    public async Task Neighbours_come_best_first_with_reasons_from_the_same_user_and_model_version_only()
    {
        var seed = await AnalysedAsync("alice", "Seed", Document([1f, 0f, 0f]));
        var close = await AnalysedAsync("alice", "Close", Document([0.9f, 0.1f, 0f], camelot: "9A", bpm: 130, moods: ["energetic", "dark"]));
        var far = await AnalysedAsync("alice", "Far", Document([0f, 0f, 1f], camelot: "3B", bpm: 90, genre: "ambient", moods: ["calm"]));
        await AnalysedAsync("alice", "Other model", Document([1f, 0f, 0f], modelVersion: "v2"));
        await AnalysedAsync("bob", "Bob's twin", Document([1f, 0f, 0f]));

        var matches = await new SimilaritySearch(_tracks).FindAsync(seed, limit: 10, CancellationToken.None);

        Assert.Equal([close.Id, far.Id], matches.Select(m => m.Track.Id));
        Assert.True(matches[0].Score > 0.9 && matches[0].Score <= 1, $"score {matches[0].Score}");
        Assert.Equal(0, matches[1].Score, 3);
        Assert.Contains("both house", matches[0].Reasons);
        Assert.Contains("same key family (8A and 9A)", matches[0].Reasons);
        Assert.Contains(matches[0].Reasons, r => r.StartsWith("tempo within", StringComparison.Ordinal));
        Assert.Contains("both energetic", matches[0].Reasons);
        Assert.DoesNotContain("both house", matches[1].Reasons);
    }

    [Fact]
    public async Task The_limit_caps_the_neighbours()
    {
        var seed = await AnalysedAsync("alice", "Seed", Document([1f, 0f]));
        for (var i = 0; i < 5; i++)
        {
            await AnalysedAsync("alice", $"N{i}", Document([1f, i / 10f]));
        }

        var matches = await new SimilaritySearch(_tracks).FindAsync(seed, limit: 3, CancellationToken.None);

        Assert.Equal(["N0", "N1", "N2"], matches.Select(m => m.Track.Title));
    }

    [Fact]
    public async Task A_track_without_an_analysis_or_an_embedding_says_why_it_cannot_be_compared()
    {
        var pending = new Track { Id = Guid.NewGuid(), UserId = "alice", Status = TrackStatus.Analyzing };
        var unclassified = await AnalysedAsync("alice", "No models", "{\"tempoBpm\":120,\"classificationError\":\"NaN in the features\"}");

        Assert.Contains("not analysed yet", SimilaritySearch.CannotCompare(pending));
        Assert.Contains("no similarity embedding", SimilaritySearch.CannotCompare(unclassified));
        Assert.Null(SimilaritySearch.CannotCompare(await AnalysedAsync("alice", "Fine", Document([1f]))));
    }
}
