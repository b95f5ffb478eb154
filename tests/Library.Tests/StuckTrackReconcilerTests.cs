using AudioPlatform.Contracts;
using AudioPlatform.Library.Infrastructure;
using AudioPlatform.Library.IntegrationEvents;
using AudioPlatform.Library.Model;
using AudioPlatform.Library.Reconciliation;
using AudioPlatform.Tests.Shared;
using LiteDB;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AudioPlatform.Library.Tests;

/// <summary>
/// The reconciler on a real LiteDB file and MassTransit's in-memory bus, with the Library's own failure consumer
/// attached so a give-up is seen as the user would see it: the track <c>failed</c> with a reason.
/// </summary>
public sealed class StuckTrackReconcilerTests : IAsyncLifetime
{
    private RedisServer? _redis;
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"audioplatform-reconciler-{Guid.NewGuid():N}.db");
    private readonly ManualClock _clock = new(T0);
    private readonly ReconcilerOptions _options = new() { StuckAfter = TimeSpan.FromMinutes(20), MaxAttempts = 2 };
    private LiteDatabase _database = null!;
    private LiteDbTrackRepository _tracks = null!;
    private ServiceProvider _services = null!;
    private ITestHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _database = new LiteDatabase($"Filename={_file};Connection=direct");
        _tracks = new LiteDbTrackRepository(_database);
        _services = new ServiceCollection()
            .AddSingleton<ITrackRepository>(_tracks)
            .AddSingleton<ReanalysisProgressReporter>()
            .AddMassTransitTestHarness(bus => bus.AddConsumer<MarkFailedOnAnalysisFailed>())
            .BuildServiceProvider(true);
        // Redis first: the harness counts as inactive 1.2 s after its last message, after which it stops waiting for
        // messages; a Redis start after the harness's (seconds on a busy machine) used that time up before the test began.
        if (RedisServer.IsInstalled)
        {
            _redis = await RedisServer.StartAsync();
        }

        _harness = _services.GetRequiredService<ITestHarness>();
        await _harness.Start();
    }

    public async Task DisposeAsync()
    {
        await _harness.Stop();
        await _services.DisposeAsync();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        _database.Dispose();
        File.Delete(_file);
    }

    private StuckTrackReconciler Reconciler(IReconcilerLease? lease = null) =>
        new(_tracks, _harness.Bus, lease ?? new SingleProcessReconcilerLease(), Options.Create(_options), _clock,
            NullLogger<StuckTrackReconciler>.Instance);

    /// <summary>
    /// The track once the failure consumer has marked it failed. Waited for on the store, not with the harness's
    /// <c>Consumed.Any</c>: that stops waiting 1.2 s after the bus's last message, which a busy CI machine can spend
    /// between the publish and the consume.
    /// </summary>
    private async Task<Track> FailedByTheConsumerAsync(string userId, Guid trackId)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            if (await _tracks.GetAsync(userId, trackId) is { Status: TrackStatus.Failed } failed)
            {
                return failed;
            }

            await Task.Delay(50, deadline.Token);
        }
    }

    private async Task<Track> UploadAsync(string userId, DateTimeOffset at)
    {
        var track = new Track
        {
            Id = Guid.NewGuid(), UserId = userId, Title = "t", FileName = "t.wav", Format = "wav", ObjectKey = $"audio/{userId}/x",
            Status = TrackStatus.Uploaded, CreatedAt = at.UtcDateTime, LastEventAt = at.UtcDateTime,
        };
        await _tracks.AddUploadedAsync(track);
        return track;
    }

    [Fact]
    public async Task A_track_stuck_past_the_deadline_gets_its_analysis_asked_again_once_per_deadline()
    {
        var stuck = await UploadAsync("alice", T0);
        var fresh = await UploadAsync("bob", T0.AddMinutes(15));
        _clock.Now = T0.AddMinutes(21);

        Assert.Equal(1, await Reconciler().ReconcileAsync(CancellationToken.None));
        Assert.Equal(0, await Reconciler().ReconcileAsync(CancellationToken.None));

        var requested = _harness.Published.Select<AnalysisRequested>().Select(m => m.Context.Message).ToList();
        var request = Assert.Single(requested);
        Assert.Equal(stuck.Id, request.TrackId);
        Assert.Equal("alice", request.UserId);
        Assert.Equal(stuck.ObjectKey, request.ObjectKey);
        Assert.DoesNotContain(requested, m => m.TrackId == fresh.Id);
        Assert.Equal(1, (await _tracks.GetAsync("alice", stuck.Id))!.RecoveryAttempts);
    }

    [Fact]
    public async Task After_the_last_attempt_the_track_fails_with_a_reason_instead_of_waiting_forever()
    {
        var stuck = await UploadAsync("alice", T0);
        for (var pass = 1; pass <= _options.MaxAttempts; pass++)
        {
            _clock.Now = T0.AddMinutes(21 * pass);
            Assert.Equal(1, await Reconciler().ReconcileAsync(CancellationToken.None));
        }

        _clock.Now = T0.AddMinutes(21 * (_options.MaxAttempts + 1));
        await Reconciler().ReconcileAsync(CancellationToken.None);

        Assert.Equal(_options.MaxAttempts, _harness.Published.Select<AnalysisRequested>().Count());
        var failed = await FailedByTheConsumerAsync("alice", stuck.Id);
        Assert.Contains("never finished", failed.Error);
        Assert.Contains("Re-analyse", failed.Error);
    }

    [Fact]
    public async Task Analysed_and_failed_tracks_are_left_alone()
    {
        var done = await UploadAsync("alice", T0);
        await _tracks.MarkFailedAsync("alice", done.Id, "bad file", T0.AddMinutes(1));
        _clock.Now = T0.AddDays(1);

        Assert.Equal(0, await Reconciler().ReconcileAsync(CancellationToken.None));
        Assert.False(await _harness.Published.Any<AnalysisRequested>());
    }

    [SkippableFact]
    public async Task Of_two_replicas_only_the_lease_holder_acts_and_a_track_stuck_for_good_fails_once()
    {
        Skip.IfNot(RedisServer.IsInstalled, RedisServer.MissingReason);
        _options.MaxAttempts = 0;
        var stuck = await UploadAsync("alice", T0);
        _clock.Now = T0.AddMinutes(21);
        var firstLease = new RedisReconcilerLease(_redis!.Connection);
        var first = Reconciler(firstLease);
        var second = Reconciler(new RedisReconcilerLease(_redis.Connection));
        Assert.True(await firstLease.TryHoldAsync(TimeSpan.FromMinutes(1)));

        // The track is stuck for good, and the replica without the lease leaves it to the holder.
        Assert.Equal(0, await second.ReconcileAsync(CancellationToken.None));
        Assert.False(await _harness.Published.Any<AnalysisFailed>());

        Assert.Equal(1, await first.ReconcileAsync(CancellationToken.None));
        Assert.Equal(0, await second.ReconcileAsync(CancellationToken.None));
        await FailedByTheConsumerAsync("alice", stuck.Id);
        var failure = Assert.Single(_harness.Published.Select<AnalysisFailed>());
        Assert.Equal(stuck.Id, failure.Context.Message.TrackId);
    }

    [SkippableFact]
    public async Task When_the_holder_stops_another_replica_takes_the_lease_once_it_runs_out()
    {
        Skip.IfNot(RedisServer.IsInstalled, RedisServer.MissingReason);
        _options.Interval = TimeSpan.FromMilliseconds(100);
        var holder = new RedisReconcilerLease(_redis!.Connection);
        var standby = new RedisReconcilerLease(_redis.Connection);
        await UploadAsync("alice", T0);
        _clock.Now = T0.AddMinutes(21);

        Assert.True(await holder.TryHoldAsync(TimeSpan.FromMilliseconds(300)));
        Assert.Equal(0, await Reconciler(standby).ReconcileAsync(CancellationToken.None));

        // The holder died: nothing renews its lease, which Redis expires after 300 ms.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await Reconciler(standby).ReconcileAsync(CancellationToken.None));
        Assert.False(await holder.TryHoldAsync(TimeSpan.FromMilliseconds(300)));
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
