using System.Net.Http.Json;
using System.Text.Json;
using AudioPlatform.Library.Model;

namespace AudioPlatform.Library.Tests;

/// <summary>
/// A track's <c>learnedLabels</c>: what the owner's own genre and mood corrections (through the corrections API) on tracks
/// with known embeddings say about their other tracks, and what never counts (another user's labels, another model's embeddings).
/// </summary>
public sealed class LearnedLabelsApiTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly LibraryHost _host = new();
    private readonly string _alice = $"alice-{Guid.NewGuid():N}";
    private readonly string _bob = $"bob-{Guid.NewGuid():N}";
    private int _count;

    public void Dispose() => _host.Dispose();

    /// <summary>Alice labels three tracks near (1, 0, 0) techno and three near (0, 1, 0) ambient.</summary>
    private async Task AliceLabelsTechnoAndAmbientAsync()
    {
        foreach (var embedding in new[] { new[] { 1f, 0.05f, 0f }, [0.98f, 0f, 0.1f], [0.95f, 0.1f, 0.05f] })
        {
            await CorrectAsync(_alice, await AnalysedAsync(_alice, embedding), new { genre = "techno" });
        }

        foreach (var embedding in new[] { new[] { 0.05f, 1f, 0f }, [0f, 0.97f, 0.1f], [0.1f, 0.95f, 0.05f] })
        {
            await CorrectAsync(_alice, await AnalysedAsync(_alice, embedding), new { genre = "ambient" });
        }
    }

    [Fact]
    public async Task A_track_near_the_owners_techno_tracks_learns_techno_from_their_six_labels()
    {
        await AliceLabelsTechnoAndAmbientAsync();
        var track = await AnalysedAsync(_alice, [0.9f, 0.1f, 0.02f]);

        var learned = await LearnedAsync(_alice, track);

        var genre = learned.GetProperty("genre");
        Assert.Equal(("techno", "ambient", 6, false), (genre.GetProperty("name").GetString(), genre.GetProperty("runnerUp").GetString(),
            genre.GetProperty("basedOn").GetInt32(), genre.GetProperty("corrected").GetBoolean()));
        Assert.InRange(genre.GetProperty("confidence").GetDouble(), 0.5, 1);
        Assert.Equal(JsonValueKind.Null, genre.GetProperty("notSure").ValueKind);
        Assert.Equal(JsonValueKind.Null, learned.GetProperty("mood").ValueKind);
    }

    [Theory]
    [InlineData(0.7f, 0.7f, 0f, "between")]
    [InlineData(0f, 0f, 1f, "unlike every track you labelled")]
    public async Task A_track_between_the_labels_or_unlike_them_is_not_sure_and_says_why(float x, float y, float z, string reason)
    {
        await AliceLabelsTechnoAndAmbientAsync();
        var track = await AnalysedAsync(_alice, [x, y, z]);

        var genre = (await LearnedAsync(_alice, track)).GetProperty("genre");

        Assert.Equal(JsonValueKind.Null, genre.GetProperty("name").ValueKind);
        Assert.Contains(reason, genre.GetProperty("notSure").GetString());
        Assert.Equal(6, genre.GetProperty("basedOn").GetInt32());
    }

    [Fact]
    public async Task A_track_the_owner_corrected_shows_their_correction_learned_from_the_other_tracks()
    {
        await AliceLabelsTechnoAndAmbientAsync();
        var track = await AnalysedAsync(_alice, [0.9f, 0.1f, 0f]);

        var response = await CorrectAsync(_alice, track, new { genre = "minimal", mood = "dark" });

        var genre = response.GetProperty("learnedLabels").GetProperty("genre");
        Assert.Equal(("minimal", 1.0, true, 6), (genre.GetProperty("name").GetString(), genre.GetProperty("confidence").GetDouble(),
            genre.GetProperty("corrected").GetBoolean(), genre.GetProperty("basedOn").GetInt32()));
        Assert.Equal(JsonValueKind.Null, response.GetProperty("learnedLabels").GetProperty("mood").ValueKind);
    }

    [Fact]
    public async Task List_rows_carry_the_learned_labels_once_the_owner_labelled_tracks_and_none_before()
    {
        var before = await AnalysedAsync(_alice, [0.9f, 0.1f, 0.02f]);
        using var client = _host.Client(_alice);
        var unlabelled = (await client.GetFromJsonAsync<JsonElement>("/api/v1/audio")).GetProperty("items").EnumerateArray().Single();
        await AliceLabelsTechnoAndAmbientAsync();

        var rows = (await client.GetFromJsonAsync<JsonElement>("/api/v1/audio?pageSize=100")).GetProperty("items").EnumerateArray()
            .ToDictionary(row => row.GetProperty("id").GetGuid());

        Assert.Equal(JsonValueKind.Null, unlabelled.GetProperty("learnedLabels").ValueKind);
        var genre = rows[before].GetProperty("learnedLabels").GetProperty("genre");
        Assert.Equal(("techno", false, 6), (genre.GetProperty("name").GetString(), genre.GetProperty("corrected").GetBoolean(), genre.GetProperty("basedOn").GetInt32()));
        Assert.Equal(7, rows.Count);
        Assert.Equal(6, rows.Values.Count(row => row.GetProperty("learnedLabels").GetProperty("genre").GetProperty("corrected").GetBoolean()));
    }

    [Fact]
    public async Task Moods_are_learned_from_mood_corrections_like_genres()
    {
        await CorrectAsync(_alice, await AnalysedAsync(_alice, [1f, 0f, 0f]), new { mood = "dark" });
        await CorrectAsync(_alice, await AnalysedAsync(_alice, [0f, 1f, 0f]), new { mood = "calm" });
        var track = await AnalysedAsync(_alice, [0f, 0.95f, 0.1f]);

        var learned = await LearnedAsync(_alice, track);

        Assert.Equal(("calm", 2), (learned.GetProperty("mood").GetProperty("name").GetString(), learned.GetProperty("mood").GetProperty("basedOn").GetInt32()));
        Assert.Equal(JsonValueKind.Null, learned.GetProperty("genre").ValueKind);
    }

    [Fact]
    public async Task Another_users_labels_never_count()
    {
        await CorrectAsync(_bob, await AnalysedAsync(_bob, [1f, 0f, 0f]), new { genre = "techno" });
        await CorrectAsync(_bob, await AnalysedAsync(_bob, [0f, 1f, 0f]), new { genre = "ambient" });
        await CorrectAsync(_alice, await AnalysedAsync(_alice, [0f, 1f, 0f]), new { genre = "jazz" });
        var alices = await AnalysedAsync(_alice, [1f, 0f, 0f]);
        var bobs = await AnalysedAsync(_bob, [1f, 0f, 0f]);

        Assert.Equal(JsonValueKind.Null, (await LearnedAsync(_alice, alices)).ValueKind);
        Assert.Equal("techno", (await LearnedAsync(_bob, bobs)).GetProperty("genre").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Fewer_than_two_different_labels_learn_nothing()
    {
        await CorrectAsync(_alice, await AnalysedAsync(_alice, [1f, 0f, 0f]), new { genre = "techno" });
        await CorrectAsync(_alice, await AnalysedAsync(_alice, [0.9f, 0.1f, 0f]), new { genre = "techno" });
        var track = await AnalysedAsync(_alice, [1f, 0.05f, 0f]);

        Assert.Equal(JsonValueKind.Null, (await LearnedAsync(_alice, track)).ValueKind);
    }

    [Fact]
    public async Task Labels_on_embeddings_of_another_model_version_do_not_count()
    {
        await AliceLabelsTechnoAndAmbientAsync();
        var track = await AnalysedAsync(_alice, [1f, 0f, 0f], modelVersion: "v2");

        Assert.Equal(JsonValueKind.Null, (await LearnedAsync(_alice, track)).ValueKind);
    }

    private async Task<JsonElement> LearnedAsync(string userId, Guid trackId)
    {
        using var client = _host.Client(userId);
        return (await client.GetFromJsonAsync<JsonElement>($"/api/v1/audio/{trackId}")).GetProperty("learnedLabels");
    }

    private async Task<JsonElement> CorrectAsync(string userId, Guid trackId, object correction)
    {
        using var client = _host.Client(userId);
        var response = await client.PutAsJsonAsync($"/api/v1/audio/{trackId}/corrections", correction);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<Guid> AnalysedAsync(string userId, float[] embedding, string modelVersion = "v1")
    {
        var at = T0.AddMinutes(_count++);
        var track = new Track
        {
            Id = Guid.NewGuid(), UserId = userId, Title = $"Track {_count}", FileName = $"t{_count}.wav", Format = "wav", SizeBytes = 1000,
            ObjectKey = $"audio/{userId}/t{_count}", Status = TrackStatus.Uploaded, CreatedAt = at.UtcDateTime, LastEventAt = at.UtcDateTime,
        };
        await _host.Tracks.AddUploadedAsync(track);
        var document = LibraryApiTests.Document(124, "8A", -8, 0.5, "house", "energetic", embedding, modelVersion);
        Assert.Equal(TransitionOutcome.Applied, await _host.Tracks.MarkAnalyzedAsync(userId, track.Id, AnalysisDocument.Read(document, "engine-1"), at.AddMinutes(30)));
        return track.Id;
    }
}
