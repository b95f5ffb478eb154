using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AudioPlatform.Library.Model;

namespace AudioPlatform.Library.Tests;

/// <summary>Smart playlists through the real Library API on LiteDB: saved filters that are evaluated when read.</summary>
public sealed class PlaylistsApiTests : IAsyncLifetime
{
    private const string Playlists = "/api/v1/library/playlists";
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly LibraryHost _host = new();
    private readonly string _alice = $"alice-{Guid.NewGuid():N}";
    private readonly string _bob = $"bob-{Guid.NewGuid():N}";
    private int _tracks;

    /// <summary>
    /// Alice: Warehouse (125 BPM, 8A, −8 LUFS), Halftime (63 BPM, 9A, −12 LUFS), Relative (126 BPM, 8B, −20 LUFS),
    /// Far (126 BPM, 3B, −8 LUFS). Bob: Elsewhere (125 BPM, 8A), which Alice's playlists never hold.
    /// </summary>
    public async Task InitializeAsync()
    {
        await AnalysedAsync(_alice, "Warehouse", 125, "8A", -8);
        await AnalysedAsync(_alice, "Halftime", 63, "9A", -12);
        await AnalysedAsync(_alice, "Relative", 126, "8B", -20);
        await AnalysedAsync(_alice, "Far", 126, "3B", -8);
        await AnalysedAsync(_bob, "Elsewhere", 125, "8A", -8);
    }

    public Task DisposeAsync()
    {
        _host.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_playlist_stays_up_to_date_as_tracks_arrive()
    {
        using var client = _host.Client(_alice);
        var playlist = await CreateAsync(client, "Peak", new { bpmMin = 120, bpmMax = 130 }, sort: "title");

        var before = await TitlesAsync(client, playlist);
        await AnalysedAsync(_alice, "Arrived later", 128, "5A", -9);
        var after = await TitlesAsync(client, playlist);
        var listed = (await client.GetFromJsonAsync<JsonElement>(Playlists)).EnumerateArray().Single();

        Assert.Equal(["Far", "Relative", "Warehouse"], before);
        Assert.Equal(["Arrived later", "Far", "Relative", "Warehouse"], after);
        Assert.Equal(("Peak", 4), (listed.GetProperty("name").GetString(), listed.GetProperty("trackCount").GetInt32()));
    }

    [Fact]
    public async Task Half_and_double_tempo_match_with_bpmHalfDouble()
    {
        using var client = _host.Client(_alice);

        var exact = await TitlesAsync(client, await CreateAsync(client, "Exact", new { bpmMin = 120, bpmMax = 130 }, sort: "title"));
        var halfDouble = await TitlesAsync(client, await CreateAsync(client, "Half", new { bpmMin = 120, bpmMax = 130, bpmHalfDouble = true }, sort: "title"));

        Assert.Equal(["Far", "Relative", "Warehouse"], exact);
        Assert.Equal(["Far", "Halftime", "Relative", "Warehouse"], halfDouble);
    }

    [Fact]
    public async Task Camelot_neighbours_are_one_step_round_the_wheel_and_the_relative_key()
    {
        using var client = _host.Client(_alice);

        var neighbours = await TitlesAsync(client, await CreateAsync(client, "Mixes with 8A", new { camelot = "8a", camelotNeighbours = true }, sort: "title"));
        var exact = await TitlesAsync(client, await CreateAsync(client, "8A only", new { camelot = "8A" }, sort: "title"));

        Assert.Equal(["Halftime", "Relative", "Warehouse"], neighbours);
        Assert.Equal(["Warehouse"], exact);
    }

    [Fact]
    public async Task The_new_filters_work_on_the_track_list_and_the_statistics_too()
    {
        using var client = _host.Client(_alice);

        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/audio?camelot=8A&camelotNeighbours=true&loudnessMin=-13&loudnessMax=-7&sort=title");
        var stats = await client.GetFromJsonAsync<JsonElement>("/api/v1/library/stats?bpmMin=120&bpmMax=130&bpmHalfDouble=true");

        Assert.Equal(["Halftime", "Warehouse"], list.GetProperty("items").EnumerateArray().Select(track => track.GetProperty("title").GetString()));
        Assert.Equal(4, stats.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Names_are_unique_per_user_ignoring_case_and_409_otherwise()
    {
        using var alice = _host.Client(_alice);
        using var bob = _host.Client(_bob);
        await CreateAsync(alice, "Warm-up", new { });
        var other = await CreateAsync(alice, "Closing", new { });

        using var duplicate = await alice.PostAsJsonAsync(Playlists, new { name = "warm-UP " });
        using var renamedOnto = await alice.PatchAsJsonAsync($"{Playlists}/{other}", new { name = "Warm-up" });
        using var bobsOwn = await bob.PostAsJsonAsync(Playlists, new { name = "Warm-up" });

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("application/problem+json", duplicate.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Conflict, renamedOnto.StatusCode);
        Assert.Equal(HttpStatusCode.Created, bobsOwn.StatusCode);
    }

    [Fact]
    public async Task A_playlist_is_renamed_and_deleted()
    {
        using var client = _host.Client(_alice);
        var id = await CreateAsync(client, "Old name", new { camelot = "8A" });

        using var renamed = await client.PatchAsJsonAsync($"{Playlists}/{id}", new { name = "New name" });
        var afterRename = await client.GetFromJsonAsync<JsonElement>($"{Playlists}/{id}");
        using var deleted = await client.DeleteAsync($"{Playlists}/{id}");
        using var gone = await client.GetAsync($"{Playlists}/{id}");

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(("New name", "8A", 1), (afterRename.GetProperty("name").GetString(),
            afterRename.GetProperty("filter").GetProperty("camelot").GetString(), afterRename.GetProperty("trackCount").GetInt32()));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Theory]
    [InlineData("{\"name\":\"x\",\"filter\":{\"bpmMin\":130,\"bpmMax\":120}}", "filter.bpmMin")]
    [InlineData("{\"name\":\"x\",\"filter\":{\"camelotNeighbours\":true}}", "filter.camelot")]
    [InlineData("{\"name\":\"x\",\"filter\":{\"loudnessMin\":-5,\"loudnessMax\":-10}}", "filter.loudnessMin")]
    [InlineData("{\"name\":\"x\",\"filter\":{\"status\":\"lost\"}}", "filter.status")]
    [InlineData("{\"name\":\"x\",\"sort\":\"colour\"}", "sort")]
    [InlineData("{\"name\":\"  \"}", "name")]
    public async Task An_invalid_playlist_is_a_400_naming_the_field(string body, string field)
    {
        using var response = await _host.Client(_alice).PostAsync(Playlists, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Another_users_playlist_is_404_everywhere()
    {
        using var alice = _host.Client(_alice);
        using var bob = _host.Client(_bob);
        var id = await CreateAsync(alice, "Mine", new { });

        var statuses = new List<HttpStatusCode>();
        foreach (var request in new[]
                 {
                     new HttpRequestMessage(HttpMethod.Get, $"{Playlists}/{id}"),
                     new HttpRequestMessage(HttpMethod.Get, $"{Playlists}/{id}/tracks"),
                     new HttpRequestMessage(HttpMethod.Get, $"{Playlists}/{id}/export?format=csv"),
                     new HttpRequestMessage(HttpMethod.Patch, $"{Playlists}/{id}") { Content = JsonContent.Create(new { name = "Taken" }) },
                     new HttpRequestMessage(HttpMethod.Delete, $"{Playlists}/{id}"),
                 })
        {
            using var response = await bob.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.NotFound, status));
        Assert.Empty((await bob.GetFromJsonAsync<JsonElement>(Playlists)).EnumerateArray());
        Assert.Equal("Mine", (await alice.GetFromJsonAsync<JsonElement>($"{Playlists}/{id}")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_export_is_csv_in_the_playlists_sort_and_m3u_is_left_to_the_clients()
    {
        using var client = _host.Client(_alice);
        var id = await CreateAsync(client, "Export", new { bpmMin = 120 }, sort: "-title");

        var csv = await client.GetStringAsync($"{Playlists}/{id}/export?format=csv");
        using var m3u = await client.GetAsync($"{Playlists}/{id}/export?format=m3u");

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("trackId,title,artist,", lines[0], StringComparison.Ordinal);
        Assert.Equal(["Warehouse", "Relative", "Far"], lines[1..].Select(line => line.Split(',')[1]));
        Assert.Equal(HttpStatusCode.BadRequest, m3u.StatusCode);
        Assert.Contains("stream-links", await m3u.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<Guid> CreateAsync(HttpClient client, string name, object filter, string? sort = null)
    {
        using var response = await client.PostAsJsonAsync(Playlists, new { name, filter, sort });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<string[]> TitlesAsync(HttpClient client, Guid playlist) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"{Playlists}/{playlist}/tracks?pageSize=100")).GetProperty("items").EnumerateArray()
            .Select(track => track.GetProperty("title").GetString()!)];

    private async Task AnalysedAsync(string userId, string title, double bpm, string camelot, double lufs)
    {
        var at = T0.AddMinutes(++_tracks);
        var track = new Track
        {
            Id = Guid.NewGuid(), UserId = userId, Title = title, FileName = $"{title}.wav", Format = "wav", SizeBytes = 1000, ObjectKey = $"audio/{userId}/{title}",
            Status = TrackStatus.Uploaded, CreatedAt = at.UtcDateTime, LastEventAt = at.UtcDateTime,
        };
        await _host.Tracks.AddUploadedAsync(track);
        var document = LibraryApiTests.Document(bpm, camelot, lufs, 0.7, "house", "energetic", [1f, 0f, 0f]);
        Assert.Equal(TransitionOutcome.Applied, await _host.Tracks.MarkAnalyzedAsync(userId, track.Id, AnalysisDocument.Read(document, "engine-1"), at.AddMinutes(30)));
    }
}
