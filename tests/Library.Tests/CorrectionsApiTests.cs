using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AudioPlatform.Contracts;
using AudioPlatform.Library.Model;

namespace AudioPlatform.Library.Tests;

/// <summary>
/// Corrections through the API and the consumers: what a PUT sets, how the responses mark the owner's values, what is
/// refused, that a completed re-analysis keeps them, and that consistent ×2 corrections set the tempo of the next analysis.
/// </summary>
public sealed class CorrectionsApiTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly LibraryHost _host = new();
    private readonly string _alice = $"alice-{Guid.NewGuid():N}";
    private readonly string _bob = $"bob-{Guid.NewGuid():N}";

    public void Dispose() => _host.Dispose();

    /// <summary>Uploads and analyses a track (or analyses <paramref name="id"/> again, completed at <paramref name="completedAt"/>).</summary>
    private async Task<Guid> AnalysedAsync(string userId, double tempo, int minutes, Guid? id = null, DateTimeOffset? completedAt = null)
    {
        var completed = completedAt ?? T0.AddMinutes(minutes + 1);
        var trackId = id ?? Guid.NewGuid();
        var correlation = Guid.NewGuid();
        if (id is null)
        {
            await _host.Bus.Bus.Publish(new TrackUploaded(trackId, $"audio/{userId}/{trackId}", $"t{minutes}.wav", "wav", 1000, $"Track {minutes}", null)
            {
                UserId = userId, CorrelationId = correlation, OccurredAt = T0.AddMinutes(minutes),
            });
            await UntilAsync(userId, trackId, track => track is not null);
        }

        await _host.Bus.Bus.Publish(new AnalysisCompleted(trackId,
            $$"""{ "tempoBpm": {{tempo}}, "key": "C major", "keyMode": "major", "camelot": "8B", "timeSignature": "4/4", "genres": [{ "name": "house", "confidence": 0.7 }] }""", "test")
        {
            UserId = userId, CorrelationId = correlation, OccurredAt = completed,
        });
        await UntilAsync(userId, trackId, track => track?.Status == TrackStatus.Analyzed && track.AnalyzedAt == TrackTransitions.Normalize(completed));
        return trackId;
    }

    private async Task UntilAsync(string userId, Guid id, Func<Track?, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!done(await _host.Tracks.GetAsync(userId, id)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"track {id} did not reach the expected state");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task A_put_sets_the_values_and_the_responses_mark_them_as_the_owners()
    {
        var id = await AnalysedAsync(_alice, 85, minutes: 1);
        using var client = _host.Client(_alice);

        var response = await client.PutAsJsonAsync($"/api/v1/audio/{id}/corrections", new { tempoBpm = 170, key = "Am", genre = "drum-and-bass" });
        var detail = await response.Content.ReadFromJsonAsync<JsonElement>();
        var row = (await client.GetFromJsonAsync<JsonElement>("/api/v1/audio?genre=drum-and-bass")).GetProperty("items").EnumerateArray().Single();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((170, "A minor", "8A"), (detail.GetProperty("analysis").GetProperty("tempoBpm").GetDouble(),
            detail.GetProperty("analysis").GetProperty("key").GetString(), detail.GetProperty("analysis").GetProperty("camelot").GetString()));
        var tempo = detail.GetProperty("corrections").GetProperty("tempoBpm");
        Assert.Equal((170, 85, "user"), (tempo.GetProperty("value").GetDouble(), tempo.GetProperty("analysisValue").GetDouble(), tempo.GetProperty("source").GetString()));
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("corrections").GetProperty("mood").ValueKind);
        Assert.Equal(170, row.GetProperty("analysis").GetProperty("tempoBpm").GetDouble());
        Assert.Equal("C major", row.GetProperty("corrections").GetProperty("key").GetProperty("analysisValue").GetString());
    }

    [Fact]
    public async Task The_generated_tags_and_description_say_the_corrected_values_and_search_finds_them_until_cleared()
    {
        var id = await AnalysedAsync(_alice, 85, minutes: 1);
        using var client = _host.Client(_alice);

        var detail = await (await client.PutAsJsonAsync($"/api/v1/audio/{id}/corrections", new { tempoBpm = 170, genre = "drum-and-bass" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var found = await client.GetFromJsonAsync<JsonElement>("/api/v1/audio?q=170-bpm");
        var cleared = await (await client.DeleteAsync($"/api/v1/audio/{id}/corrections")).Content.ReadFromJsonAsync<JsonElement>();
        var foundAfter = await client.GetFromJsonAsync<JsonElement>("/api/v1/audio?q=170-bpm");

        var tags = detail.GetProperty("analysis").GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()).ToArray();
        Assert.Subset(tags.ToHashSet(), new HashSet<string?> { "drum-and-bass", "170-bpm", "uptempo", "c-major", "camelot-8b" });
        Assert.DoesNotContain("85-bpm", tags);
        Assert.Equal("A 170 BPM drum and bass track in C major (8B).", detail.GetProperty("analysis").GetProperty("description").GetString());
        Assert.Equal(1, found.GetProperty("totalCount").GetInt32());
        // The analysis wrote no words for this track (the test's analysis has none): none stand again.
        Assert.Empty(cleared.GetProperty("analysis").GetProperty("tags").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("analysis").GetProperty("description").ValueKind);
        Assert.Equal(0, foundAfter.GetProperty("totalCount").GetInt32());
    }

    [Theory]
    [InlineData("""{ "tempoBpm": 301 }""", "tempoBpm")]
    [InlineData("""{ "tempoBpm": 19.9 }""", "tempoBpm")]
    [InlineData("""{ "key": "H minor" }""", "key")]
    [InlineData("""{ "timeSignature": "4/5" }""", "timeSignature")]
    [InlineData("""{ "genre": "" }""", "genre")]
    [InlineData("""{ "mood": "a mood name far longer than any label would ever be" }""", "mood")]
    [InlineData("""{ "instruments": [] }""", "instruments")]
    [InlineData("""{ }""", "")]
    public async Task Invalid_values_are_a_validation_problem_naming_the_field(string body, string field)
    {
        var id = await AnalysedAsync(_alice, 120, minutes: 1);
        using var client = _host.Client(_alice);

        var response = await client.PutAsync($"/api/v1/audio/{id}/corrections", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Null((await _host.Tracks.GetAsync(_alice, id))!.Corrections);
    }

    [Fact]
    public async Task Another_users_track_is_404_and_an_unknown_field_to_clear_is_400()
    {
        var id = await AnalysedAsync(_alice, 120, minutes: 1);
        using var bob = _host.Client(_bob);
        using var alice = _host.Client(_alice);

        var put = await bob.PutAsJsonAsync($"/api/v1/audio/{id}/corrections", new { tempoBpm = 140 });
        var delete = await bob.DeleteAsync($"/api/v1/audio/{id}/corrections/tempoBpm");
        var unknown = await alice.DeleteAsync($"/api/v1/audio/{id}/corrections/loudness");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.BadRequest), (put.StatusCode, delete.StatusCode, unknown.StatusCode));
        Assert.Null((await _host.Tracks.GetAsync(_alice, id))!.Corrections);
    }

    [Fact]
    public async Task Corrections_survive_a_completed_reanalysis_and_delete_restores_the_analysis()
    {
        var id = await AnalysedAsync(_alice, 85, minutes: 1);
        using var client = _host.Client(_alice);
        await client.PutAsJsonAsync($"/api/v1/audio/{id}/corrections", new { tempoBpm = 170, timeSignature = "7/8" });

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/v1/audio/analyze", new { trackId = id })).StatusCode);
        // The request moved the track's last event to now: the new analysis completes after it.
        await AnalysedAsync(_alice, 84, minutes: 60, id, DateTimeOffset.UtcNow.AddSeconds(1));
        var after = await client.GetFromJsonAsync<JsonElement>($"/api/v1/audio/{id}");
        var cleared = await (await client.DeleteAsync($"/api/v1/audio/{id}/corrections/tempoBpm")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal((170, "7/8"), (after.GetProperty("analysis").GetProperty("tempoBpm").GetDouble(), after.GetProperty("analysis").GetProperty("timeSignature").GetString()));
        Assert.Equal(84, after.GetProperty("corrections").GetProperty("tempoBpm").GetProperty("analysisValue").GetDouble());
        Assert.Equal(84, cleared.GetProperty("analysis").GetProperty("tempoBpm").GetDouble());
        Assert.Equal("7/8", cleared.GetProperty("corrections").GetProperty("timeSignature").GetProperty("value").GetString());
    }

    [Fact]
    public async Task Two_doublings_in_a_tempo_region_double_the_next_analysis_there_as_the_users_preference()
    {
        using var client = _host.Client(_alice);
        foreach (var (tempo, minutes) in new[] { (85.0, 1), (86.0, 3) })
        {
            var id = await AnalysedAsync(_alice, tempo, minutes);
            await client.PutAsJsonAsync($"/api/v1/audio/{id}/corrections", new { tempoBpm = tempo * 2 });
        }

        var near = await AnalysedAsync(_alice, 87, minutes: 5);
        var far = await AnalysedAsync(_alice, 120, minutes: 7);
        var bobs = await AnalysedAsync(_bob, 87, minutes: 9);

        var derived = (await _host.Tracks.GetAsync(_alice, near))!;
        Assert.Equal((174.0, 87.0, CorrectionSource.Preference),
            (derived.Analysis!.TempoBpm, derived.Corrections!.TempoBpm!.AnalysisValue, derived.Corrections.TempoBpm.Source));
        Assert.Equal(120.0, (await _host.Tracks.GetAsync(_alice, far))!.Analysis!.TempoBpm);
        Assert.Equal(87.0, (await _host.Tracks.GetAsync(_bob, bobs))!.Analysis!.TempoBpm);
    }
}
