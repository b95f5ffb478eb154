using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AudioPlatform.Library.Model;

namespace AudioPlatform.Library.Tests;

/// <summary>
/// Next tracks, sets, instant mixes and paths over a library whose keys, tempos, energies and embeddings are known,
/// through the Library's HTTP API; and what each refuses.
/// </summary>
public sealed class MixingApiTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly LibraryHost _host = new();
    private readonly string _alice = $"alice-{Guid.NewGuid():N}";
    private readonly string _bob = $"bob-{Guid.NewGuid():N}";
    private readonly Dictionary<string, Guid> _ids = [];

    /// <summary>
    /// Alice's seed is 8A at 124 BPM, energy 0.5, embedding (1, 0, 0). Around it: a +1 step up (9A, 126 BPM, more
    /// energy), the relative key (8B), the energy boost (10A), the same key at half time (62 BPM, less energy), a
    /// clash (3B), a tempo out of range (140 BPM), a track with no key, one with no embedding (clashing), and a near copy of
    /// the seed's sound embedded by another model version (clashing too, so only the mix can be tempted by it). Bob has one track.
    /// </summary>
    public async Task InitializeAsync()
    {
        await AnalysedAsync(_alice, "Seed", 124, "8A", 0.5, [1f, 0f, 0f]);
        await AnalysedAsync(_alice, "Up", 126, "9A", 0.7, [0.9f, 0.3f, 0f]);
        await AnalysedAsync(_alice, "Relative", 124, "8B", 0.5, [0.7f, 0.7f, 0f]);
        await AnalysedAsync(_alice, "Boost", 124, "10A", 0.6, [0.3f, 0.9f, 0f]);
        await AnalysedAsync(_alice, "Half", 62, "8A", 0.3, [0f, 1f, 0f]);
        await AnalysedAsync(_alice, "Clash", 124, "3B", 0.5, [0f, 0f, 1f]);
        await AnalysedAsync(_alice, "Fast", 140, "8A", 0.5, [0.5f, 0f, 0.85f]);
        await AnalysedAsync(_alice, "NoKey", 124, null, 0.5, [0.8f, 0f, 0.6f]);
        await AnalysedAsync(_alice, "NoEmbedding", 124, "3B", 0.5, []);
        await AnalysedAsync(_alice, "OtherModel", 124, "3B", 0.5, [0.95f, 0.05f, 0.1f], modelVersion: "v2");
        await AnalysedAsync(_bob, "Bobs", 124, "8A", 0.5, [1f, 0f, 0f]);
    }

    public Task DisposeAsync()
    {
        _host.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Next_tracks_are_the_compatible_keys_within_the_tempo_tolerance_best_first_each_saying_why()
    {
        using var client = _host.Client(_alice);

        var next = await client.GetFromJsonAsync<JsonElement>($"/api/v1/audio/{_ids["Seed"]}/next");

        Assert.Equal(_ids["Seed"], next.GetProperty("trackId").GetGuid());
        var items = next.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["Half", "Relative", "Up"], items.Select(i => i.GetProperty("track").GetProperty("title").GetString()));
        Assert.Equal(
            ["8A → 8A, 0.0 % tempo at half time, energy down", "8A → 8B (relative key), 0.0 % tempo, energy steady", "8A → 9A, +1.6 % tempo, energy up"],
            items.Select(i => i.GetProperty("reason").GetString()));
        Assert.Equal(["same", "relative", "adjacent"], items.Select(i => i.GetProperty("keyTransition").GetString()));
        Assert.Equal([2.0, 1.0, 1.0], items.Select(i => i.GetProperty("tempoFactor").GetDouble()));
        Assert.Equal(1.61, items[2].GetProperty("tempoChangePercent").GetDouble());
        Assert.Equal(0.2, items[2].GetProperty("energyChange").GetDouble(), 6);
        Assert.Equal("9A", items[2].GetProperty("track").GetProperty("analysis").GetProperty("camelot").GetString());
    }

    [Theory]
    [InlineData("direction=up", new[] { "Up" })]
    [InlineData("direction=down", new[] { "Half" })]
    [InlineData("direction=steady&energyBoost=true", new[] { "Relative" })]
    [InlineData("direction=UP&energyBoost=true", new[] { "Up", "Boost" })]
    [InlineData("halfDouble=false", new[] { "Relative", "Up" })]
    [InlineData("tolerance=1", new[] { "Half", "Relative" })]
    [InlineData("tolerance=15", new[] { "Half", "Up", "Relative", "Fast" })]
    [InlineData("limit=1", new[] { "Half" })]
    public async Task Next_track_options_narrow_or_widen_the_suggestions(string query, string[] expected)
    {
        using var client = _host.Client(_alice);

        var next = await client.GetFromJsonAsync<JsonElement>($"/api/v1/audio/{_ids["Seed"]}/next?{query}");

        Assert.Equal(expected, next.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("track").GetProperty("title").GetString()));
    }

    [Fact]
    public async Task Next_tracks_of_a_track_without_a_key_is_a_conflict_that_says_why()
    {
        using var client = _host.Client(_alice);

        var response = await client.GetAsync($"/api/v1/audio/{_ids["NoKey"]}/next");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Equal("The track has no key: the analysis found no tonal centre; suggestions need a key and a tempo.", detail);
    }

    [Fact]
    public async Task Another_users_track_is_not_found_for_every_mixing_endpoint()
    {
        using var client = _host.Client(_alice);
        var bobs = _ids["Bobs"];

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/audio/{bobs}/next")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/audio/{bobs}/mix")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/library/path?from={_ids["Seed"]}&to={bobs}")).StatusCode);
    }

    [Theory]
    [InlineData("next?tolerance=30", "tolerance")]
    [InlineData("next?tolerance=0.1", "tolerance")]
    [InlineData("next?limit=0", "limit")]
    [InlineData("next?limit=101", "limit")]
    [InlineData("next?direction=sideways", "direction")]
    [InlineData("mix?count=0", "count")]
    [InlineData("mix?diversity=1.5", "diversity")]
    public async Task Out_of_range_values_are_a_validation_problem_naming_the_field(string endpoint, string field)
    {
        using var client = _host.Client(_alice);

        var response = await client.GetAsync($"/api/v1/audio/{_ids["Seed"]}/{endpoint}");

        await AssertNamesAsync(response, field);
    }

    [Fact]
    public async Task A_set_is_ordered_round_the_wheel_with_every_transition_compatible()
    {
        using var client = _host.Client(_bob);
        string[] wheel = ["8A", "9A", "10A", "11A", "12A"];
        var ids = new Dictionary<string, Guid>();
        foreach (var camelot in wheel)
        {
            ids[camelot] = await AnalysedAsync(_bob, $"Set {camelot}", 124, camelot, 0.5, [1f, 0f, 0f]);
        }

        var response = await client.PostAsJsonAsync("/api/v1/library/sets",
            new { trackIds = new[] { ids["10A"], ids["8A"], ids["12A"], ids["9A"], ids["11A"] }, shape = "none" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plan = await response.Content.ReadFromJsonAsync<JsonElement>();
        var steps = plan.GetProperty("steps").EnumerateArray().ToList();
        var order = steps.Select(s => s.GetProperty("track").GetProperty("analysis").GetProperty("camelot").GetString()).ToList();
        Assert.True(order.SequenceEqual(wheel) || order.SequenceEqual(wheel.Reverse()), string.Join(", ", order));
        Assert.Equal((4, 4), (plan.GetProperty("compatibleTransitions").GetInt32(), plan.GetProperty("transitions").GetInt32()));
        Assert.Equal(JsonValueKind.Null, steps[0].GetProperty("transition").ValueKind);
        Assert.Equal(JsonValueKind.Null, steps[0].GetProperty("targetEnergy").ValueKind);
        var second = steps[1].GetProperty("transition");
        Assert.Equal(("adjacent", true), (second.GetProperty("keyTransition").GetString(), second.GetProperty("compatible").GetBoolean()));
        Assert.Equal($"{order[0]} → {order[1]}, 0.0 % tempo, energy steady", second.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_rising_set_puts_its_quietest_track_first_and_aims_at_rising_energies()
    {
        using var client = _host.Client(_alice);

        var plan = await (await client.PostAsJsonAsync("/api/v1/library/sets",
            new { trackIds = new[] { _ids["Up"], _ids["Half"], _ids["Seed"] }, shape = "rising" })).Content.ReadFromJsonAsync<JsonElement>();

        var steps = plan.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal("Half", steps[0].GetProperty("track").GetProperty("title").GetString());
        var targets = steps.Select(s => s.GetProperty("targetEnergy").GetDouble()).ToList();
        Assert.Equal(targets.Order(), targets);
        Assert.Equal((0.3, 0.7), (targets[0], targets[^1]));
    }

    [Fact]
    public async Task A_set_with_tracks_that_are_not_the_users_names_them()
    {
        using var client = _host.Client(_alice);
        var stranger = Guid.NewGuid();

        var response = await client.PostAsJsonAsync("/api/v1/library/sets", new { trackIds = new[] { _ids["Seed"], _ids["Bobs"], stranger } });

        var errors = await AssertNamesAsync(response, "trackIds");
        Assert.Contains(_ids["Bobs"].ToString(), errors);
        Assert.Contains(stranger.ToString(), errors);
        Assert.DoesNotContain(_ids["Seed"].ToString(), errors);
    }

    [Theory]
    [InlineData("""{ "trackIds": ["00000000-0000-0000-0000-000000000001"] }""", "trackIds")]
    [InlineData("""{ "trackIds": ["00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000001"] }""", "trackIds")]
    [InlineData("""{ "shape": "zigzag" }""", "shape")]
    [InlineData("""{ "tolerance": 25 }""", "tolerance")]
    public async Task An_invalid_set_request_is_a_validation_problem_naming_the_field(string body, string field)
    {
        using var client = _host.Client(_alice);

        var response = await client.PostAsync("/api/v1/library/sets", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await AssertNamesAsync(response, field);
    }

    [Fact]
    public async Task An_instant_mix_is_the_nearest_tracks_of_the_same_model_without_the_seed()
    {
        using var client = _host.Client(_alice);

        var mix = await client.GetFromJsonAsync<JsonElement>($"/api/v1/audio/{_ids["Seed"]}/mix?count=3&diversity=0");

        var items = mix.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["Up", "NoKey", "Relative"], items.Select(i => i.GetProperty("track").GetProperty("title").GetString()));
        Assert.Equal(0.9487, items[0].GetProperty("similarity").GetDouble(), 3);
        var all = await client.GetFromJsonAsync<JsonElement>($"/api/v1/audio/{_ids["Seed"]}/mix?count=100");
        var titles = all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("track").GetProperty("title").GetString()).ToList();
        Assert.DoesNotContain("Seed", titles);
        Assert.DoesNotContain("OtherModel", titles);
        Assert.DoesNotContain("NoEmbedding", titles);
        Assert.Equal(7, titles.Count);
    }

    [Fact]
    public async Task A_mix_from_a_track_without_an_embedding_is_a_conflict()
    {
        using var client = _host.Client(_alice);

        var response = await client.GetAsync($"/api/v1/audio/{_ids["NoEmbedding"]}/mix");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("no similarity embedding", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_path_moves_from_A_to_B_without_turning_back()
    {
        using var client = _host.Client(_alice);

        var path = await client.GetFromJsonAsync<JsonElement>($"/api/v1/library/path?from={_ids["Seed"]}&to={_ids["Half"]}&steps=3");

        var steps = path.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["Seed", "Up", "Relative", "Boost", "Half"], steps.Select(s => s.GetProperty("track").GetProperty("title").GetString()));
        Assert.Equal([0, 0.2, 0.5, 0.8, 1], steps.Select(s => Math.Round(s.GetProperty("progress").GetDouble(), 3)));
    }

    [Fact]
    public async Task A_path_to_a_track_without_an_embedding_is_a_conflict()
    {
        using var client = _host.Client(_alice);

        var response = await client.GetAsync($"/api/v1/library/path?from={_ids["Seed"]}&to={_ids["NoEmbedding"]}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.StartsWith("The end: ", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("steps=0", "steps")]
    [InlineData("steps=51", "steps")]
    [InlineData("", "from")]
    public async Task An_invalid_path_request_is_a_validation_problem_naming_the_field(string query, string field)
    {
        using var client = _host.Client(_alice);
        var ends = field == "from" ? $"to={_ids["Half"]}" : $"from={_ids["Seed"]}&to={_ids["Half"]}";

        var response = await client.GetAsync($"/api/v1/library/path?{ends}&{query}");

        await AssertNamesAsync(response, field);
    }

    /// <summary>Asserts a 400 validation problem naming <paramref name="field"/>; answers its messages, joined.</summary>
    private static async Task<string> AssertNamesAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.ToString());
        return string.Join(" ", messages.EnumerateArray().Select(m => m.GetString()));
    }

    private async Task<Guid> AnalysedAsync(string userId, string title, double bpm, string? camelot, double energy, float[] embedding, string modelVersion = "v1")
    {
        var at = T0.AddMinutes(_ids.Count);
        var track = new Track
        {
            Id = Guid.NewGuid(), UserId = userId, Title = title, FileName = $"{title}.wav", Format = "wav", SizeBytes = 1000, ObjectKey = $"audio/{userId}/{title}",
            Status = TrackStatus.Uploaded, CreatedAt = at.UtcDateTime, LastEventAt = at.UtcDateTime,
        };
        await _host.Tracks.AddUploadedAsync(track);
        var document = LibraryApiTests.Document(bpm, camelot!, -8, energy, "house", "energetic", embedding, modelVersion);
        Assert.Equal(TransitionOutcome.Applied, await _host.Tracks.MarkAnalyzedAsync(userId, track.Id, AnalysisDocument.Read(document, "engine-1"), at.AddMinutes(30)));
        _ids[title] = track.Id;
        return track.Id;
    }
}
