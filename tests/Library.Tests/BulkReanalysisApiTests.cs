using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AudioPlatform.Contracts;
using AudioPlatform.Library.Model;
using MassTransit.Testing;

namespace AudioPlatform.Library.Tests;

/// <summary>
/// Bulk re-analysis through the Library's HTTP API and its bus: which tracks a filter sends, what the tracks look like
/// meanwhile, the progress as the analyses come back, and what is refused.
/// </summary>
public sealed class BulkReanalysisApiTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly LibraryHost _host = new();
    private readonly string _alice = $"alice-{Guid.NewGuid():N}";
    private readonly string _bob = $"bob-{Guid.NewGuid():N}";

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_filtered_bulk_reanalysis_sends_the_matching_tracks_in_the_background_and_reports_progress_as_they_return()
    {
        var house = await AnalysedAsync(_alice, "House One", "house");
        var house2 = await AnalysedAsync(_alice, "House Two", "house");
        var techno = await AnalysedAsync(_alice, "Techno", "techno");
        await AnalysedAsync(_bob, "Bobs House", "house");
        using var client = _host.Client(_alice);

        using (var missing = await client.GetAsync("/api/v1/library/reanalysis"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        using var started = await client.PostAsync("/api/v1/library/reanalysis?genre=house", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var progress = await started.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((2, 0, 2, false), Counts(progress));
        var batchId = progress.GetProperty("batchId").GetGuid();

        // Published from the tracks' outbox, for the background queue; the techno track and Bob's are not part of it.
        await WaitUntilAsync(async () => _host.Bus.Published.Select<BulkReanalysisRequested>().Count() >= 2);
        var requested = _host.Bus.Published.Select<BulkReanalysisRequested>().Select(m => m.Context.Message).ToList();
        Assert.Equal(new[] { house, house2 }.Order(), requested.Select(m => m.TrackId).Order());
        Assert.All(requested, m => Assert.Equal((batchId, _alice), (m.BatchId, m.UserId)));
        Assert.Equal(TrackStatus.Analyzed, (await _host.Tracks.GetAsync(_alice, house))!.Status);

        using (var again = await client.PostAsync("/api/v1/library/reanalysis", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Contains("under way", await again.Content.ReadAsStringAsync());
        }

        await _host.Bus.Bus.Publish(new AnalysisCompleted(house, LibraryApiTests.Document(128, "8A", -8, 0.5, "house", "energetic", [1f, 0f], "v2"), "engine-2")
        {
            UserId = _alice, CorrelationId = house, OccurredAt = DateTimeOffset.UtcNow,
        });
        await WaitUntilAsync(async () => _host.Bus.Published.Select<ReanalysisProgressed>().Any());
        var announced = _host.Bus.Published.Select<ReanalysisProgressed>().Single().Context.Message;
        Assert.Equal((batchId, 2, 1, 0, _alice), (announced.BatchId, announced.Total, announced.Done, announced.Failed, announced.UserId));

        await _host.Bus.Bus.Publish(new AnalysisFailed(house2, "The file ends before its audio does.", "Truncated") { UserId = _alice, CorrelationId = house2, OccurredAt = DateTimeOffset.UtcNow });
        await WaitUntilAsync(async () => Counts(await client.GetFromJsonAsync<JsonElement>("/api/v1/library/reanalysis")).Finished);
        var finished = await client.GetFromJsonAsync<JsonElement>("/api/v1/library/reanalysis");
        Assert.Equal((2, 2, 0, true), Counts(finished));
        Assert.Equal(1, finished.GetProperty("failed").GetInt32());
        Assert.Equal(128.0, (await _host.Tracks.GetAsync(_alice, house))!.Analysis!.TempoBpm);
        Assert.Null((await _host.Tracks.GetAsync(_alice, techno))!.Reanalysis);

        using var bobs = _host.Client(_bob);
        using (var bobsProgress = await bobs.GetAsync("/api/v1/library/reanalysis"))
        {
            Assert.Equal(HttpStatusCode.NotFound, bobsProgress.StatusCode);
        }
    }

    [Theory]
    [InlineData("?genre=nothing-like-this", "filter")]
    [InlineData("?bpmMin=200&bpmMax=100", "bpmMin")]
    [InlineData("?status=lost", "status")]
    public async Task A_filter_that_is_invalid_or_matches_nothing_is_a_validation_problem_naming_the_field(string query, string field)
    {
        await AnalysedAsync(_alice, "Only", "house");
        using var client = _host.Client(_alice);

        using var response = await client.PostAsync($"/api/v1/library/reanalysis{query}", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    private static (int Total, int Done, int Pending, bool Finished) Counts(JsonElement progress) => (
        progress.GetProperty("total").GetInt32(), progress.GetProperty("done").GetInt32(),
        progress.GetProperty("pending").GetInt32(), progress.GetProperty("finished").GetBoolean());

    private async Task<Guid> AnalysedAsync(string userId, string title, string genre)
    {
        var track = new Track
        {
            Id = Guid.NewGuid(), UserId = userId, Title = title, FileName = $"{title}.wav", Format = "wav", SizeBytes = 1000,
            ObjectKey = $"audio/{userId}/{title}", Status = TrackStatus.Uploaded, CreatedAt = T0.UtcDateTime, LastEventAt = T0.UtcDateTime,
        };
        await _host.Tracks.AddUploadedAsync(track);
        var document = LibraryApiTests.Document(120, "8A", -8, 0.5, genre, "energetic", [1f, 0f], "v1");
        Assert.Equal(TransitionOutcome.Applied, await _host.Tracks.MarkAnalyzedAsync(userId, track.Id, AnalysisDocument.Read(document, "engine-1"), T0.AddMinutes(1)));
        return track.Id;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "the condition did not hold within 20 s");
            await Task.Delay(50);
        }
    }
}
