using System.Reflection;
using AudioPlatform.Contracts;
using AudioPlatform.Library.Infrastructure;
using AudioPlatform.Library.Model;
using AudioPlatform.Library.Outbox;
using LiteDB;
using MassTransit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AudioPlatform.Library.Tests;

/// <summary>
/// "Record changed" and "event published" as one act: a delete writes its <c>TrackDeleted</c> into the track's document,
/// and the dispatcher publishes it whenever the broker answers, even after a crash, on a real LiteDB file.
/// </summary>
public sealed class OutboxTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"audioplatform-outbox-{Guid.NewGuid():N}.db");
    private readonly string _alice = $"alice-{Guid.NewGuid():N}";

    public void Dispose() => File.Delete(_file);

    private LiteDatabase Open() => new($"Filename={_file};Connection=direct");

    private static OutboxDispatcher Dispatcher(ITrackRepository tracks, IBus bus) =>
        new(tracks, bus, Options.Create(new OutboxOptions()), TimeProvider.System, NullLogger<OutboxDispatcher>.Instance);

    private async Task<Guid> UploadedAsync(ITrackRepository tracks)
    {
        var track = new Track
        {
            Id = Guid.NewGuid(), UserId = _alice, Title = "Doomed", FileName = "doomed.wav", Format = "wav", ObjectKey = "k",
            Status = TrackStatus.Uploaded, CreatedAt = T0.UtcDateTime, LastEventAt = T0.UtcDateTime,
        };
        await tracks.AddUploadedAsync(track);
        return track.Id;
    }

    [Fact]
    public async Task A_delete_whose_publish_failed_is_published_after_a_restart_and_then_the_record_goes()
    {
        Guid id;
        using (var database = Open())
        {
            var tracks = new LiteDbTrackRepository(database);
            id = await UploadedAsync(tracks);
            Assert.True(await tracks.DeleteAsync(_alice, id));

            // The broker is down when the dispatcher first tries; then the process dies.
            await Assert.ThrowsAsync<InvalidOperationException>(() => Dispatcher(tracks, BusProxy.Throwing()).DispatchAsync(CancellationToken.None));
            Assert.Null(await tracks.GetAsync(_alice, id));
            Assert.Single(await tracks.ListOutboxAsync(10));
        }

        using (var database = Open())
        {
            var tracks = new LiteDbTrackRepository(database);
            var bus = BusProxy.Recording();

            Assert.Equal(1, await Dispatcher(tracks, bus).DispatchAsync(CancellationToken.None));

            var published = Assert.IsType<TrackDeleted>(Assert.Single(BusProxy.Published(bus)));
            Assert.Equal((id, _alice, id), (published.TrackId, published.UserId, published.CorrelationId));
            Assert.Empty(await tracks.ListOutboxAsync(10));
            Assert.Equal(0, database.GetCollection(LiteDbTrackRepository.CollectionName).Count());
            Assert.Equal(0, await Dispatcher(tracks, bus).DispatchAsync(CancellationToken.None));
        }
    }

    [Fact]
    public async Task Deleting_twice_announces_once()
    {
        using var database = Open();
        var tracks = new LiteDbTrackRepository(database);
        var id = await UploadedAsync(tracks);

        Assert.True(await tracks.DeleteAsync(_alice, id));
        Assert.False(await tracks.DeleteAsync(_alice, id));

        var pending = Assert.Single(await tracks.ListOutboxAsync(10));
        Assert.Equal(nameof(TrackDeleted), Assert.Single(pending.Outbox).Type);
    }

    [Fact]
    public async Task A_reanalysis_and_its_request_are_written_together()
    {
        using var database = Open();
        var tracks = new LiteDbTrackRepository(database);
        var id = await UploadedAsync(tracks);
        await tracks.MarkFailedAsync(_alice, id, "Broken.", T0.AddMinutes(1));

        Assert.Equal(TransitionOutcome.Applied, await tracks.RequestReanalysisAsync(_alice, id, T0.AddMinutes(2)));
        Assert.Equal(TransitionOutcome.Ignored, await tracks.RequestReanalysisAsync(_alice, id, T0.AddMinutes(3)));

        var bus = BusProxy.Recording();
        Assert.Equal(1, await Dispatcher(tracks, bus).DispatchAsync(CancellationToken.None));
        var request = Assert.IsType<AnalysisRequested>(Assert.Single(BusProxy.Published(bus)));
        Assert.Equal((id, "k", "wav", _alice), (request.TrackId, request.ObjectKey, request.Format, request.UserId));
        Assert.Equal(TrackStatus.Analyzing, (await tracks.GetAsync(_alice, id))!.Status);
    }
}

/// <summary>
/// An <see cref="IBus"/> whose <c>Publish(object, Type, CancellationToken)</c> either throws (the broker is down) or
/// records the message; the dispatcher calls nothing else.
/// </summary>
public class BusProxy : DispatchProxy
{
    private readonly List<object> _published = [];
    private bool _throws;

    public static IBus Throwing()
    {
        var bus = Create<IBus, BusProxy>();
        ((BusProxy)(object)bus)._throws = true;
        return bus;
    }

    public static IBus Recording() => Create<IBus, BusProxy>();

    public static IReadOnlyList<object> Published(IBus bus) => ((BusProxy)(object)bus)._published;

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        if (method is not { Name: nameof(IBus.Publish) } || args is not [{ } message, Type, CancellationToken])
        {
            throw new NotSupportedException($"{method?.Name} is not expected of the outbox dispatcher.");
        }

        if (_throws)
        {
            return Task.FromException(new InvalidOperationException("The broker is unreachable."));
        }

        _published.Add(message);
        return Task.CompletedTask;
    }
}
