using AudioPlatform.Notify.Hub;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AudioPlatform.Notify.Tests;

public class NotificationHubTests
{
    private static NotificationHub CreateHub() =>
        new(Options.Create(new NotifyOptions { BufferPerUser = 100 }), new RevokedAccessTokens(TimeProvider.System), TimeProvider.System,
            NullLogger<NotificationHub>.Instance);

    [Fact]
    public async Task Each_user_has_their_own_sequence_and_never_sees_another_users_events()
    {
        var hub = CreateHub();
        var aliceTrack = Guid.NewGuid();

        await hub.PublishAsync(Guid.NewGuid(), "alice", NotificationTypes.TrackUploaded, aliceTrack, DateTimeOffset.UtcNow, new { fileName = "a.wav" }, default);
        await hub.PublishAsync(Guid.NewGuid(), "alice", NotificationTypes.AnalysisProgress, aliceTrack, DateTimeOffset.UtcNow, new { stage = "decoding", percent = 10 }, default);
        await hub.PublishAsync(Guid.NewGuid(), "bob", NotificationTypes.TrackUploaded, Guid.NewGuid(), DateTimeOffset.UtcNow, null, default);

        var (alice, _) = await hub.Log.SinceAsync("alice", 0);
        var (bob, _) = await hub.Log.SinceAsync("bob", 0);
        Assert.Equal([1L, 2], alice.Select(n => n.Seq));
        Assert.All(alice, n => Assert.Equal(aliceTrack, n.TrackId));
        Assert.Single(bob);
        Assert.Equal(1, bob[0].Seq);
    }

    [Fact]
    public async Task The_payload_is_serialised_in_camel_case()
    {
        var hub = CreateHub();

        var notification = await hub.PublishAsync(Guid.NewGuid(), "alice", NotificationTypes.AnalysisProgress, Guid.NewGuid(), DateTimeOffset.UtcNow,
            new { Stage = "rhythm", Percent = 88 }, default);

        Assert.Equal("rhythm", notification!.Data!.Value.GetProperty("stage").GetString());
        Assert.Equal(88, notification.Data!.Value.GetProperty("percent").GetInt32());
    }

    [Fact]
    public async Task A_progress_consumed_after_its_analysis_completed_is_not_numbered_but_a_later_reanalysis_is()
    {
        var hub = CreateHub();
        var track = Guid.NewGuid();
        var progressAt = DateTimeOffset.UtcNow;

        await hub.PublishAsync(Guid.NewGuid(), "alice", NotificationTypes.AnalysisCompleted, track, progressAt.AddMilliseconds(5), null, default);
        var late = await hub.PublishAsync(Guid.NewGuid(), "alice", NotificationTypes.AnalysisProgress, track, progressAt, new { Stage = "rhythm", Percent = 90 }, default);
        var again = await hub.PublishAsync(Guid.NewGuid(), "alice", NotificationTypes.AnalysisStarted, track, progressAt.AddSeconds(1), null, default);

        Assert.Null(late);
        Assert.NotNull(again);
        var (events, _) = await hub.Log.SinceAsync("alice", 0);
        Assert.Equal([NotificationTypes.AnalysisCompleted, NotificationTypes.AnalysisStarted], events.Select(e => e.Type));
    }
}
