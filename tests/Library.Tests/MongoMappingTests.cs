using AudioPlatform.Library.Infrastructure;
using AudioPlatform.Library.Model;
using AudioPlatform.Similarity;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;

namespace AudioPlatform.Library.Tests;

/// <summary>
/// The MongoDB document shape and query rendering, checked without a server (the contract tests against
/// MongoDB need Docker): ids as standard UUIDs, statuses as strings, camelCase fields, filters on the promoted fields.
/// </summary>
public sealed class MongoMappingTests
{
    private static readonly IBsonSerializer<Track> Serializer;

    static MongoMappingTests()
    {
        // Constructing the repository registers the mapping; no connection is made before the first operation.
        _ = new MongoTrackRepository(new MongoClient("mongodb://127.0.0.1:1").GetDatabase("mapping"));
        Serializer = BsonSerializer.LookupSerializer<Track>();
    }

    private static Track Sample() => new()
    {
        Id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
        UserId = "alice",
        Title = "Song",
        SortTitle = "song",
        Status = TrackStatus.Analyzed,
        CreatedAt = new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc),
        LastEventAt = new DateTime(2026, 11, 1, 12, 1, 0, DateTimeKind.Utc),
        Analysis = new TrackAnalysis { TempoBpm = 120, GenreNames = ["rock"], Embedding = [0.5f, 0.25f] },
    };

    [Fact]
    public void A_track_is_stored_with_a_standard_uuid_string_status_and_camel_case_fields()
    {
        var document = Sample().ToBsonDocument(Serializer);

        Assert.Equal(BsonBinarySubType.UuidStandard, document["_id"].AsBsonBinaryData.SubType);
        Assert.Equal("Analyzed", document["status"].AsString);
        Assert.Equal("alice", document["userId"].AsString);
        Assert.Equal(BsonType.DateTime, document["lastEventAt"].BsonType);
        Assert.Equal(120, document["analysis"]["tempoBpm"].AsDouble);
        Assert.Equal("rock", document["analysis"]["genreNames"][0].AsString);
    }

    [Fact]
    public void A_fingerprint_is_binary_and_a_same_recording_link_names_its_track_by_standard_uuid()
    {
        var other = Guid.Parse("7c9e6679-7425-40de-944b-e07fc1f90ae7");
        var track = Sample();
        track.Analysis!.Fingerprint = [1, 2, 3, 4];
        track.Analysis.SameRecordingAs = [new SameRecordingLink { TrackId = other, Similarity = 0.93, CreatedAt = track.CreatedAt }];

        var document = track.ToBsonDocument(Serializer);
        var read = BsonSerializer.Deserialize<Track>(document);
        var linkedTo = Builders<Track>.Filter.ElemMatch(t => t.Analysis!.SameRecordingAs, link => link.TrackId == other)
            .Render(new RenderArgs<Track>(Serializer, BsonSerializer.SerializerRegistry));

        Assert.Equal(BsonBinarySubType.Binary, document["analysis"]["fingerprint"].AsBsonBinaryData.SubType);
        Assert.Equal(BsonBinarySubType.UuidStandard, document["analysis"]["sameRecordingAs"][0]["trackId"].AsBsonBinaryData.SubType);
        Assert.Equal(0.93, document["analysis"]["sameRecordingAs"][0]["similarity"].AsDouble);
        Assert.Equal(other, read.Analysis!.SameRecordingAs.Single().TrackId);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, read.Analysis.Fingerprint);
        Assert.Equal(BsonBinarySubType.UuidStandard, linkedTo["analysis.sameRecordingAs"]["$elemMatch"]["trackId"].AsBsonBinaryData.SubType);
    }

    [Fact]
    public void A_stored_track_reads_back_the_same()
    {
        var document = Sample().ToBsonDocument(Serializer);

        var read = BsonSerializer.Deserialize<Track>(document);

        Assert.Equal((Sample().Id, TrackStatus.Analyzed, Sample().LastEventAt), (read.Id, read.Status, read.LastEventAt));
        Assert.Equal([0.5f, 0.25f], read.Analysis!.Embedding);
    }

    [Fact]
    public void Corrections_are_stored_as_camel_case_fields_without_type_tags_and_read_back_the_same()
    {
        var track = Sample();
        var at = new DateTime(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);
        track.Corrections = new TrackCorrections
        {
            TempoBpm = new TempoCorrection { Value = 170, AnalysisValue = 85, Source = CorrectionSource.Preference, SetAt = at },
            Key = new KeyCorrection { Value = "A minor", Mode = "minor", Camelot = "8A", AnalysisValue = "C major", AnalysisCamelot = "8B", SetAt = at },
            Genre = new LabelCorrection { Value = ["techno"], AnalysisValue = [new LabelScore("house", 0.6)], SetAt = at },
        };

        var document = track.ToBsonDocument(Serializer);
        var read = BsonSerializer.Deserialize<Track>(document);
        var userTempo = Builders<Track>.Filter.Eq("corrections.tempoBpm.source", CorrectionSource.User)
            .Render(new RenderArgs<Track>(Serializer, BsonSerializer.SerializerRegistry));

        var tempo = document["corrections"]["tempoBpm"].AsBsonDocument;
        Assert.Equal((170.0, 85.0, "preference"), (tempo["value"].AsDouble, tempo["analysisValue"].AsDouble, tempo["source"].AsString));
        Assert.False(tempo.Contains("_t"));
        Assert.Equal("house", document["corrections"]["genre"]["analysisValue"][0]["name"].AsString);
        Assert.Equal((170.0, 85.0, at), (read.Corrections!.TempoBpm!.Value, read.Corrections.TempoBpm.AnalysisValue, read.Corrections.TempoBpm.SetAt));
        Assert.Equal(("A minor", "8A", "C major"), (read.Corrections.Key!.Value, read.Corrections.Key.Camelot, read.Corrections.Key.AnalysisValue));
        Assert.Equal(["techno"], read.Corrections.Genre!.Value);
        Assert.Null(read.Corrections.Mood);
        Assert.Equal("user", userTempo["corrections.tempoBpm.source"].AsString);
    }

    [Fact]
    public void List_filters_render_on_the_user_and_the_promoted_fields()
    {
        var query = new TrackQuery { Q = "a.b", Genre = "Rock", Camelot = "8a", BpmMin = 100, Status = "Analyzed" };

        var rendered = MongoTrackRepository.Filter("alice", query)
            .Render(new RenderArgs<Track>(Serializer, BsonSerializer.SerializerRegistry)).ToString();

        Assert.Contains("\"userId\" : \"alice\"", rendered);
        Assert.Contains("\"status\" : \"Analyzed\"", rendered);
        Assert.Contains("\"analysis.genreNames\" : \"rock\"", rendered);
        Assert.Contains("\"analysis.camelot\" : \"8A\"", rendered);
        Assert.Contains("\"analysis.tempoBpm\" : { \"$gte\" : 100", rendered);
        Assert.Contains("a\\\\.b", rendered);
    }

    [Fact]
    public void Camelot_neighbours_half_double_tempo_and_loudness_render_on_the_promoted_fields()
    {
        var query = new TrackQuery { Camelot = "12a", CamelotNeighbours = true, BpmMin = 120, BpmMax = 130, BpmHalfDouble = true, LoudnessMin = -14 };

        var rendered = MongoTrackRepository.Filter("alice", query)
            .Render(new RenderArgs<Track>(Serializer, BsonSerializer.SerializerRegistry)).ToString();

        Assert.Contains("\"analysis.camelot\" : { \"$in\" : [\"12A\", \"11A\", \"1A\", \"12B\"] }", rendered);
        Assert.Contains("\"$or\" : [{ \"analysis.tempoBpm\" : { \"$gte\" : 120.0, \"$lte\" : 130.0 } }, { \"analysis.tempoBpm\" : { \"$gte\" : 60.0, \"$lte\" : 65.0 } }, { \"analysis.tempoBpm\" : { \"$gte\" : 240.0, \"$lte\" : 260.0 } }]", rendered);
        Assert.Contains("\"analysis.loudnessLufs\" : { \"$gte\" : -14.0 }", rendered);
    }

    [Fact]
    public void A_search_renders_on_title_artist_album_and_file_name_and_whole_tags_never_the_description()
    {
        var rendered = MongoTrackRepository.Filter("alice", new TrackQuery { Q = " Zebra  X " })
            .Render(new RenderArgs<Track>(Serializer, BsonSerializer.SerializerRegistry));

        var alternatives = rendered["$or"].AsBsonArray
            .Select(clause => clause.AsBsonDocument.Elements.Single())
            .ToDictionary(element => element.Name, element => element.Value.AsBsonRegularExpression);
        Assert.Equal(["title", "artist", "album", "fileName", "analysis.tags"], alternatives.Keys);
        Assert.All(alternatives.Values, regex => Assert.Equal("i", regex.Options));
        Assert.Equal(@"zebra\ x", alternatives["fileName"].Pattern);
        Assert.Equal(@"^zebra\ x$", alternatives["analysis.tags"].Pattern);
    }

    [Fact]
    public void Ranking_a_search_reads_only_the_id_title_and_upload_time_of_each_match()
    {
        var rendered = MongoTrackRepository.RankingFields
            .Render(new RenderArgs<Track>(Serializer, BsonSerializer.SerializerRegistry)).Document.ToString();

        Assert.Contains("\"$_id\"", rendered);
        Assert.Contains("\"$sortTitle\"", rendered);
        Assert.Contains("\"$createdAt\"", rendered);
        Assert.DoesNotContain("analysis", rendered);
    }

    [Fact]
    public void A_sort_renders_on_its_field_then_the_id()
    {
        var rendered = MongoTrackRepository.Sort(TrackSortField.TempoBpm, descending: true)
            .Render(new RenderArgs<Track>(Serializer, BsonSerializer.SerializerRegistry));

        Assert.Equal(new BsonDocument { { "analysis.tempoBpm", -1 }, { "_id", -1 } }, rendered);
    }

    [Fact]
    public void Labels_the_outbox_and_the_extras_are_stored_as_fields_and_the_computed_extras_not_at_all()
    {
        var track = Sample();
        track.Analysis!.Genres = [new LabelScore("rock", 0.8)];
        track.Analysis.EngineExtras = "{\"probe\":{\"codec\":\"mp3\"}}";
        TrackTransitions.Enqueue(track, new AudioPlatform.Contracts.TrackDeleted(track.Id) { UserId = "alice", CorrelationId = track.Id });

        var document = track.ToBsonDocument(Serializer);
        var read = BsonSerializer.Deserialize<Track>(document);

        Assert.Equal(new BsonDocument { { "name", "rock" }, { "confidence", 0.8 } }, document["analysis"]["genres"][0].AsBsonDocument);
        Assert.Equal("TrackDeleted", document["outbox"][0]["type"].AsString);
        Assert.False(document["analysis"].AsBsonDocument.Contains("extras"));
        Assert.Equal(("rock", 0.8), (read.Analysis!.Genres[0].Name, read.Analysis.Genres[0].Confidence));
        Assert.Equal("mp3", read.Analysis.Extras!["probe"].GetProperty("codec").GetString());
    }

    [Theory]
    [InlineData(TrackView.Summary, "analysis.beatTimes", 0)]
    [InlineData(TrackView.Summary, "analysis.featureVector", 0)]
    [InlineData(TrackView.Summary, "outbox", 0)]
    [InlineData(TrackView.Statistics, "analysis.tempoBpm", 1)]
    [InlineData(TrackView.Statistics, "analysis.topGenre", 1)]
    [InlineData(TrackView.Map, "analysis.embedding", 1)]
    [InlineData(TrackView.Map, "analysis.modelVersion", 1)]
    public void Each_view_projects_only_the_fields_it_reads(TrackView view, string field, int projected)
    {
        var rendered = MongoTrackRepository.Projection(view)
            .Render(new RenderArgs<Track>(Serializer, BsonSerializer.SerializerRegistry));

        Assert.Equal(projected, rendered[field].ToInt32());
        Assert.DoesNotContain(rendered.Names, name => view != TrackView.Summary && name is "analysis.beatTimes" or "analysis.featureVector");
    }

    [Fact]
    public void Lists_never_show_a_deleted_track_waiting_for_its_event()
    {
        var rendered = MongoTrackRepository.Filter("alice", new TrackFilter())
            .Render(new RenderArgs<Track>(Serializer, BsonSerializer.SerializerRegistry)).ToString();

        Assert.Contains("\"deletedAt\" : null", rendered);
    }
}
