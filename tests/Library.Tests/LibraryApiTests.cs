using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AudioPlatform.Contracts;
using AudioPlatform.Library.Model;

namespace AudioPlatform.Library.Tests;

/// <summary>The Library's HTTP API on a small known library: list rows, the full detail, statistics, the map, and what it refuses.</summary>
public sealed class LibraryApiTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly LibraryHost _host = new();
    private readonly string _alice = $"alice-{Guid.NewGuid():N}";
    private readonly string _bob = $"bob-{Guid.NewGuid():N}";
    private readonly Dictionary<string, Guid> _ids = [];

    /// <summary>
    /// Alice: three analysed tracks (house 125 BPM 8A, house 128 BPM 8A, ambient 90 BPM 3B), one uploaded, one failed.
    /// Bob: one analysed techno track, which Alice must never count.
    /// </summary>
    public async Task InitializeAsync()
    {
        await AnalysedAsync(_alice, "Warehouse", Document(125, "8A", -8, 0.8, "house", "energetic", [1f, 0f, 0f]), minutes: 1);
        await AnalysedAsync(_alice, "Basement", Document(128, "8A", -7, 0.9, "house", "dark", [0.99f, 0.1f, 0f]), minutes: 2);
        await AnalysedAsync(_alice, "Drift", Document(90, "3B", -18, 0.2, "ambient", "calm", [0f, 0f, 1f]), minutes: 3);
        await UploadedAsync(_alice, "Pending", minutes: 4);
        var failed = await UploadedAsync(_alice, "Broken", minutes: 5);
        await _host.Tracks.MarkFailedAsync(_alice, failed, "Not audio.", T0.AddMinutes(6));
        await AnalysedAsync(_bob, "Elsewhere", Document(140, "8A", -6, 0.95, "techno", "aggressive", [1f, 0f, 0f]), minutes: 1);
    }

    public Task DisposeAsync()
    {
        _host.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_list_row_is_a_summary_and_the_detail_has_the_whole_analysis()
    {
        using var client = _host.Client(_alice);

        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/audio?q=warehouse");
        var row = page.GetProperty("items").EnumerateArray().Single().GetProperty("analysis");
        var detail = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/audio/{_ids["Warehouse"]}")).GetProperty("analysis");

        Assert.Equal(125, row.GetProperty("tempoBpm").GetDouble());
        Assert.Equal("house", row.GetProperty("topGenre").GetString());
        Assert.Equal(("house", 0.9), (row.GetProperty("genres")[0].GetProperty("name").GetString(), row.GetProperty("genres")[0].GetProperty("confidence").GetDouble()));
        foreach (var heavy in new[] { "beatTimes", "featureVector", "mfccMean", "embedding", "probe" })
        {
            Assert.False(row.TryGetProperty(heavy, out _), $"a list row carries {heavy}");
        }

        Assert.Equal(3, detail.GetProperty("beatTimes").GetArrayLength());
        Assert.Equal(4, detail.GetProperty("featureVector").GetArrayLength());
        Assert.Equal("pcm_s16le", detail.GetProperty("probe").GetProperty("codec").GetString());
        Assert.Equal("house", detail.GetProperty("genres")[0].GetProperty("name").GetString());
        Assert.False(detail.GetProperty("genres")[0].TryGetProperty("label", out _));
        Assert.False(detail.TryGetProperty("genreNames", out _));
    }

    [Fact]
    public async Task Statistics_count_the_users_library_only()
    {
        using var client = _host.Client(_alice);

        var stats = await client.GetFromJsonAsync<JsonElement>("/api/v1/library/stats");

        Assert.Equal(5, stats.GetProperty("totalCount").GetInt32());
        var statuses = stats.GetProperty("statuses");
        Assert.Equal((1, 0, 3, 1), (statuses.GetProperty("uploaded").GetInt32(), statuses.GetProperty("analyzing").GetInt32(),
            statuses.GetProperty("analyzed").GetInt32(), statuses.GetProperty("failed").GetInt32()));
        Assert.Equal(540, stats.GetProperty("totalDurationSeconds").GetDouble());
        var tempo = stats.GetProperty("tempo").EnumerateArray().ToDictionary(bin => bin.GetProperty("from").GetDouble(), bin => bin.GetProperty("count").GetInt32());
        Assert.Equal(14, tempo.Count);
        Assert.Equal((1, 2, 3), (tempo[90], tempo[120], tempo.Values.Sum()));
        var keys = stats.GetProperty("keys").EnumerateArray().ToDictionary(key => key.GetProperty("camelot").GetString()!, key => key.GetProperty("count").GetInt32());
        Assert.Equal(24, keys.Count);
        Assert.Equal((2, 1, 3), (keys["8A"], keys["3B"], keys.Values.Sum()));
        var loudness = stats.GetProperty("loudness");
        Assert.Equal((3, -18.0, -8.0, -7.0), (loudness.GetProperty("count").GetInt32(), loudness.GetProperty("min").GetDouble(),
            loudness.GetProperty("median").GetDouble(), loudness.GetProperty("max").GetDouble()));
        Assert.Equal(0.8, stats.GetProperty("energy").GetProperty("median").GetDouble());
        Assert.Equal([("house", 2), ("ambient", 1)], Counts(stats.GetProperty("genres")));
        Assert.Equal([("calm", 1), ("dark", 1), ("energetic", 1)], Counts(stats.GetProperty("moods")));
    }

    [Theory]
    [InlineData("genre=HOUSE", 2)]
    [InlineData("bpmMin=100&bpmMax=126", 1)]
    [InlineData("camelot=8a&energyMin=0.85", 1)]
    [InlineData("status=failed", 1)]
    [InlineData("q=drift", 1)]
    [InlineData("", 5)]
    public async Task The_list_and_the_statistics_select_the_same_tracks_with_the_same_filter(string filter, int expected)
    {
        using var client = _host.Client(_alice);

        var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/audio?{filter}");
        var stats = await client.GetFromJsonAsync<JsonElement>($"/api/v1/library/stats?{filter}");
        var map = await client.GetFromJsonAsync<JsonElement>($"/api/v1/library/map?{filter}");

        Assert.Equal(expected, list.GetProperty("totalCount").GetInt32());
        Assert.Equal(expected, stats.GetProperty("totalCount").GetInt32());
        var listedAnalysed = list.GetProperty("items").EnumerateArray().Where(t => t.GetProperty("status").GetString() == "analyzed")
            .Select(t => t.GetProperty("id").GetGuid()).Order();
        Assert.Equal(listedAnalysed, map.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).Order());
    }

    [Fact]
    public async Task The_map_places_alike_tracks_together_within_the_unit_square()
    {
        using var client = _host.Client(_alice);

        var map = await client.GetFromJsonAsync<JsonElement>("/api/v1/library/map");
        var points = map.GetProperty("points").EnumerateArray()
            .ToDictionary(p => p.GetProperty("title").GetString()!, p => (X: p.GetProperty("x").GetDouble(), Y: p.GetProperty("y").GetDouble()));
        double Distance(string a, string b) => Math.Sqrt(Math.Pow(points[a].X - points[b].X, 2) + Math.Pow(points[a].Y - points[b].Y, 2));

        Assert.Equal(["Basement", "Drift", "Warehouse"], points.Keys.Order());
        Assert.All(points.Values, p => Assert.True(p.X is >= 0 and <= 1 && p.Y is >= 0 and <= 1));
        Assert.True(Distance("Warehouse", "Basement") < Distance("Warehouse", "Drift") / 5);
        Assert.Equal(("v1", 3, false), (map.GetProperty("modelVersion").GetString(), map.GetProperty("trackCount").GetInt32(), map.GetProperty("truncated").GetBoolean()));
    }

    [Fact]
    public async Task The_map_leaves_out_embeddings_of_another_model_version_and_caps_the_points()
    {
        await AnalysedAsync(_alice, "Old model", Document(120, "1A", -10, 0.5, "house", "happy", [0.5f, 0.5f, 0.5f], modelVersion: "v0"), minutes: -10);
        using var client = _host.Client(_alice);

        var map = await client.GetFromJsonAsync<JsonElement>("/api/v1/library/map?limit=2");

        Assert.Equal((3, true, 2), (map.GetProperty("trackCount").GetInt32(), map.GetProperty("truncated").GetBoolean(), map.GetProperty("points").GetArrayLength()));
        Assert.DoesNotContain(map.GetProperty("points").EnumerateArray(), p => p.GetProperty("title").GetString() == "Old model");
    }

    [Theory]
    [InlineData("/api/v1/library/stats?status=finished", "status")]
    [InlineData("/api/v1/library/stats?bpmMin=140&bpmMax=120", "bpmMin")]
    [InlineData("/api/v1/library/map?limit=0", "limit")]
    [InlineData("/api/v1/library/map?energyMin=0.9&energyMax=0.1", "energyMin")]
    [InlineData("/api/v1/audio?sort=popularity", "sort")]
    [InlineData("/api/v1/audio?pageSize=500", "pageSize")]
    public async Task A_bad_value_is_a_400_problem_naming_the_field(string url, string field)
    {
        using var client = _host.Client(_alice);

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"the problem names {field}: {problem}");
    }

    [Fact]
    public async Task Without_a_user_the_statistics_are_refused()
    {
        using var client = _host.Client("");
        client.DefaultRequestHeaders.Authorization = null;

        using var response = await client.GetAsync("/api/v1/library/stats");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_delete_hides_the_track_at_once_and_its_event_leaves_through_the_outbox()
    {
        using var client = _host.Client(_alice);
        var id = _ids["Drift"];

        using var deleted = await client.DeleteAsync($"/api/v1/audio/{id}");
        using var again = await client.GetAsync($"/api/v1/audio/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.True(await _host.Bus.Published.Any<TrackDeleted>(message => message.Context.Message.TrackId == id && message.Context.Message.UserId == _alice));
        await WaitUntilAsync(async () => (await _host.Tracks.ListOutboxAsync(10)).Count == 0);
        Assert.Equal(4, (await client.GetFromJsonAsync<JsonElement>("/api/v1/library/stats")).GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task A_reanalysis_request_leaves_through_the_outbox()
    {
        using var client = _host.Client(_alice);
        var id = _ids["Basement"];

        using var response = await client.PostAsJsonAsync("/api/v1/audio/analyze", new { trackId = id });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(await _host.Bus.Published.Any<AnalysisRequested>(message => message.Context.Message.TrackId == id));
    }

    [Fact]
    public async Task The_list_the_statistics_and_the_map_document_the_same_filter_names()
    {
        using var client = _host.Client(_alice);

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        List<string> Parameters(string path) =>
            [.. document.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("parameters").EnumerateArray()
                .Select(p => p.GetProperty("name").GetString()!).Order()];

        string[] filter =
        [
            "q", "genre", "mood", "instrument", "key", "camelot", "camelotNeighbours", "bpmMin", "bpmMax", "bpmHalfDouble", "energyMin", "energyMax",
            "loudnessMin", "loudnessMax", "status",
        ];
        Assert.Equal(filter.Append("sort").Append("page").Append("pageSize").Order(), Parameters("/api/v1/audio"));
        Assert.Equal(filter.Order(), Parameters("/api/v1/library/stats"));
        Assert.Equal(filter.Append("limit").Order(), Parameters("/api/v1/library/map"));
    }

    private static List<(string, int)> Counts(JsonElement counts) =>
        counts.EnumerateArray().Select(c => (c.GetProperty("name").GetString()!, c.GetProperty("count").GetInt32())).ToList();

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100 && !await condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(await condition());
    }

    /// <summary>An engine document as Analysis publishes it: typed fields, labels, and fields the Library keeps as extras.</summary>
    internal static string Document(double bpm, string camelot, double lufs, double energy, string genre, string mood, float[] embedding, string modelVersion = "v1") =>
        JsonSerializer.Serialize(new
        {
            durationSeconds = 180.0, tempoBpm = bpm, tempoConfidence = 0.9, tempoAmbiguous = false, beatTimes = new[] { 0.5, 1.0, 1.5 },
            timeSignature = "4/4", key = "A minor", keyMode = "minor", keyConfidence = 0.7, camelot, loudnessLufs = lufs, energy,
            danceability = 0.6, valence = 0.4, featureVector = new object[] { 1.0, 2.0, "NaN", 4.0 },
            probe = new { codec = "pcm_s16le", sampleRate = 44100 },
            genres = new[] { new { name = genre, confidence = 0.9 } },
            moods = new[] { new { name = mood, confidence = 0.8 } },
            instruments = new[] { new { name = "drums", confidence = 0.7 } },
            tags = new[] { genre }, description = $"A {genre} track.", embedding, modelVersion,
        });

    private async Task<Guid> UploadedAsync(string userId, string title, int minutes)
    {
        var track = new Track
        {
            Id = Guid.NewGuid(), UserId = userId, Title = title, FileName = $"{title}.wav", Format = "wav", SizeBytes = 1000, ObjectKey = $"audio/{userId}/{title}",
            Status = TrackStatus.Uploaded, CreatedAt = T0.AddMinutes(minutes).UtcDateTime, LastEventAt = T0.AddMinutes(minutes).UtcDateTime,
        };
        await _host.Tracks.AddUploadedAsync(track);
        _ids[title] = track.Id;
        return track.Id;
    }

    private async Task AnalysedAsync(string userId, string title, string document, int minutes)
    {
        var id = await UploadedAsync(userId, title, minutes);
        Assert.Equal(TransitionOutcome.Applied, await _host.Tracks.MarkAnalyzedAsync(userId, id, AnalysisDocument.Read(document, "engine-1"), T0.AddMinutes(minutes + 30)));
    }
}
