using AudioPlatform.Library.Infrastructure;
using AudioPlatform.Library.Model;
using LiteDB;

namespace AudioPlatform.Library.Tests;

/// <summary>
/// The analysis document read once into typed fields, stored as fields, and the records stored before the typed model
/// (the whole document as one JSON string) still read, and are rewritten at start.
/// </summary>
public sealed class TypedAnalysisTests : IDisposable
{
    private static readonly DateTime T0 = new(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"audioplatform-typed-{Guid.NewGuid():N}.db");
    private readonly LiteDatabase _database;

    public TypedAnalysisTests() => _database = new LiteDatabase($"Filename={_file};Connection=direct");

    public void Dispose()
    {
        _database.Dispose();
        File.Delete(_file);
    }

    private const string EngineDocument = """
        {
          "durationSeconds": 212.5, "tempoBpm": 122.0, "tempoConfidence": 0.8, "tempoAlternativeBpm": 61.0, "tempoAmbiguous": true,
          "tempoMissingReason": null, "beatTimes": [0.5, 1.0], "timeSignature": "4/4", "key": "F# minor", "camelot": "11a",
          "keyMissingReason": null, "loudnessLufs": -9.5, "energy": "NaN", "danceability": 0.7, "valence": 0.3,
          "mfccMean": [1.5, "NaN", 2.5], "featureVector": [0.1, 0.2],
          "probe": { "codec": "mp3", "channels": 2 }, "tempoCandidates": [{ "bpm": 122.0, "score": 0.9 }],
          "waveform": { "min": [0], "max": [1] }, "timings": { "totalMs": 12 }, "source": "/tmp/x.mp3",
          "genres": [{ "name": "House", "confidence": 0.55 }, { "name": "Techno", "confidence": 0.3 }, { "name": "", "confidence": 0.1 }],
          "moods": [{ "name": "dark", "confidence": 0.6 }, { "name": "energetic", "confidence": 0.9 }],
          "instruments": [], "tags": ["house", 5], "description": "A house track.", "labelsUnknownReason": null,
          "embedding": [0.6, 0.8], "modelVersion": "features-v2/embedding-v1"
        }
        """;

    [Fact]
    public void The_document_is_read_once_into_typed_fields_and_the_rest_kept_beside_them()
    {
        var analysis = TrackTransitions.Prepare(AnalysisDocument.Read(EngineDocument, "engine-9"));

        Assert.Equal((212.5, 122.0, 61.0, true, "4/4", "F# minor", "11A", -9.5), (analysis.DurationSeconds, analysis.TempoBpm,
            analysis.TempoAlternativeBpm, analysis.TempoAmbiguous, analysis.TimeSignature, analysis.Key, analysis.Camelot, analysis.LoudnessLufs));
        Assert.Null(analysis.Energy);
        Assert.Equal([1.5, 0, 2.5], analysis.MfccMean);
        Assert.Equal(["House", "Techno"], analysis.Genres.Select(label => label.Name));
        Assert.Equal(["house", "techno"], analysis.GenreNames);
        Assert.Equal(("house", "energetic"), (analysis.TopGenre, analysis.TopMood));
        Assert.Equal(["house"], analysis.Tags);
        Assert.Equal([0.6f, 0.8f], analysis.Embedding);
        Assert.Equal(("features-v2/embedding-v1", "engine-9"), (analysis.ModelVersion, analysis.EngineVersion));
        Assert.Equal(["probe", "tempoCandidates"], analysis.Extras!.Keys.Order());
        Assert.Null(analysis.Json);
    }

    [Fact]
    public async Task The_typed_fields_are_stored_as_fields()
    {
        var tracks = new LiteDbTrackRepository(_database);
        var id = Guid.NewGuid();
        await tracks.AddUploadedAsync(new Track { Id = id, UserId = "alice", Title = "T", FileName = "t.mp3", Format = "mp3", ObjectKey = "k", CreatedAt = T0 });

        await tracks.MarkAnalyzedAsync("alice", id, AnalysisDocument.Read(EngineDocument, "engine-9"), T0.AddMinutes(1));

        var stored = _database.GetCollection(LiteDbTrackRepository.CollectionName).FindById(id)["Analysis"];
        Assert.Equal(122.0, stored["TempoBpm"].AsDouble);
        Assert.Equal("house", stored["TopGenre"].AsString);
        Assert.Equal(0.55, stored["Genres"][0]["Confidence"].AsDouble);
        Assert.Equal("mp3", System.Text.Json.JsonDocument.Parse(stored["EngineExtras"].AsString).RootElement.GetProperty("probe").GetProperty("codec").GetString());
        Assert.True(stored["Json"].IsNull);
    }

    /// <summary>A record as the Library stored it before the typed model: a few promoted fields and the whole document as JSON.</summary>
    private Guid InsertLegacyRecord(string userId)
    {
        var id = Guid.NewGuid();
        _database.GetCollection(LiteDbTrackRepository.CollectionName).Insert(new BsonDocument
        {
            ["_id"] = id, ["UserId"] = userId, ["Title"] = "Old", ["SortTitle"] = "old", ["FileName"] = "old.mp3", ["Format"] = "mp3",
            ["SizeBytes"] = 10L, ["ObjectKey"] = "k", ["Status"] = "Analyzed", ["CreatedAt"] = T0, ["UpdatedAt"] = T0, ["LastEventAt"] = T0,
            ["AnalyzedAt"] = T0, ["RecoveryAttempts"] = 0,
            ["Analysis"] = new BsonDocument
            {
                ["TempoBpm"] = 122.0, ["Camelot"] = "11A",
                ["Genres"] = new BsonArray { new BsonDocument { ["Name"] = "House", ["Confidence"] = 0.55 } },
                ["GenreNames"] = new BsonArray { "house" }, ["Tags"] = new BsonArray { "house" }, ["Description"] = "A house track.",
                ["Embedding"] = new BsonArray { 0.6, 0.8 }, ["EngineVersion"] = "engine-1", ["ModelVersion"] = "features-v2/embedding-v1",
                ["Json"] = EngineDocument,
            },
        });
        return id;
    }

    [Fact]
    public async Task A_record_stored_before_the_typed_model_reads_typed_and_is_rewritten_at_start_once()
    {
        var id = InsertLegacyRecord("alice");
        var tracks = new LiteDbTrackRepository(_database);

        var read = await tracks.GetAsync("alice", id);
        Assert.Equal(("F# minor", 212.5, "house", "engine-1"), (read!.Analysis!.Key, read.Analysis.DurationSeconds, read.Analysis.TopGenre, read.Analysis.EngineVersion));

        Assert.Equal(1, await tracks.UpgradeStoredAnalysesAsync());
        var stored = _database.GetCollection(LiteDbTrackRepository.CollectionName).FindById(id)["Analysis"];
        Assert.True(stored["Json"].IsNull);
        Assert.Equal("F# minor", stored["Key"].AsString);
        Assert.Equal(1, (await tracks.ListAsync("alice", new TrackQuery { Key = "F# minor", Mood = "energetic" })).TotalCount);
        Assert.Equal(0, await tracks.UpgradeStoredAnalysesAsync());
    }
}
