using System.Text.Json;
using AudioPlatform.Contracts;
using AudioPlatform.Library.Model;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AudioPlatform.Library.Outbox;

/// <summary>
/// Publishes the events waiting in tracks' outboxes (<see cref="Track.Outbox"/>), then removes each from its track: so an
/// event written with its change is published even if the process died right after the write. At least once: a crash
/// between publishing and removing publishes again, which the consumers, being idempotent, take as a duplicate.
/// </summary>
/// <remarks>
/// MassTransit's transactional outbox needs Entity Framework or MongoDB transactions (a replica set); LiteDB has none. The
/// event rides in the track's own document instead, so one document write makes the change and the event, in both stores.
/// </remarks>
public sealed class OutboxDispatcher(
    ITrackRepository tracks,
    IBus bus,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        do
        {
            try
            {
                await DispatchAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The broker or the store is down: the events stay in the outbox for the next pass.
                logger.LogWarning(ex, "Publishing the outbox failed; it is tried again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass; answers how many events it published.</summary>
    public async Task<int> DispatchAsync(CancellationToken cancellationToken)
    {
        var published = 0;
        foreach (var track in await tracks.ListOutboxAsync(options.Value.BatchSize, cancellationToken))
        {
            foreach (var message in track.Outbox.OrderBy(message => message.CreatedAt).ToList())
            {
                await bus.Publish(Read(message), EventType(message), cancellationToken);
                await tracks.RemoveFromOutboxAsync(track.Id, message.Id, cancellationToken);
                published++;
            }
        }

        return published;
    }

    private static Type EventType(OutboxMessage message) =>
        typeof(IntegrationEvent).Assembly.GetType($"{typeof(IntegrationEvent).Namespace}.{message.Type}") is { } type
        && type.IsAssignableTo(typeof(IntegrationEvent))
            ? type
            : throw new InvalidOperationException($"The outbox holds an event of unknown type '{message.Type}'.");

    private static object Read(OutboxMessage message) =>
        JsonSerializer.Deserialize(message.Body, EventType(message), JsonSerializerOptions.Web)!;
}
