using System.Text.Json;
using AudioPlatform.Contracts;
using AudioPlatform.Ingest.Model;
using AudioPlatform.Storage;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AudioPlatform.Ingest.Infrastructure;

/// <summary>
/// The outbox of <see cref="TrackUploaded"/>, kept beside Ingest's only store: the object store, under
/// <c>outbox/track-uploaded/{trackId}.json</c>. An object store has no transaction to put the audio and the event in,
/// so the order does its work: the event is written down before the audio is stored and removed once it is published.
/// Whatever stops an upload half-way (a broker that is away, a crash) leaves an entry, and <see cref="DispatchAsync"/>
/// publishes every entry whose audio is stored: stored audio is always announced, at least once (the consumers are
/// idempotent). An entry whose audio never got stored is dropped once no request can still be storing it.
/// </summary>
public sealed class UploadOutbox(IObjectStorage storage, IOptions<UploadOptions> options, TimeProvider time, ILogger<UploadOutbox> logger)
{
    public const string Prefix = "outbox/track-uploaded/";

    /// <summary>
    /// How long after its audio was stored an entry is left to the request that stored it (which publishes it itself
    /// within <see cref="UploadOptions.AnnounceTimeout"/>): only then does the dispatcher announce it, so a healthy
    /// upload is announced once.
    /// </summary>
    public TimeSpan AnnouncedByTheRequestWithin => options.Value.AnnounceTimeout + TimeSpan.FromSeconds(15);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string KeyOf(Guid trackId) => ObjectKey.Validate($"{Prefix}{trackId:D}.json");

    public async Task AddAsync(TrackUploaded uploaded, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(uploaded, Json);
        await storage.PutAsync(KeyOf(uploaded.TrackId), new MemoryStream(body), new ObjectWrite("application/json", body.Length), cancellationToken);
    }

    /// <summary>Published (or never stored): nothing left to announce. Not cancellable, so a gone client cannot skip it.</summary>
    public Task RemoveAsync(Guid trackId) => storage.DeleteAsync(KeyOf(trackId), CancellationToken.None);

    /// <summary>One pass over the outbox; answers how many entries it published.</summary>
    public async Task<int> DispatchAsync(IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        var published = 0;
        foreach (var key in await storage.ListKeysAsync(Prefix, cancellationToken))
        {
            if (await ReadAsync(key, cancellationToken) is not ({ } uploaded, { } written))
            {
                continue;
            }

            var now = time.GetUtcNow();
            if (await storage.StatAsync(uploaded.ObjectKey, cancellationToken) is not { } audio)
            {
                if (now - written > options.Value.OutboxAbandonAfter)
                {
                    logger.LogInformation("Outbox entry of track {TrackId} dropped: its audio was never stored", uploaded.TrackId);
                    await RemoveAsync(uploaded.TrackId);
                }

                continue;
            }

            if (now - audio.LastModified < AnnouncedByTheRequestWithin)
            {
                continue;
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(options.Value.AnnounceTimeout);
            await publisher.Publish(uploaded, deadline.Token);
            await RemoveAsync(uploaded.TrackId);
            logger.LogInformation("Track {TrackId} announced from the outbox", uploaded.TrackId);
            published++;
        }

        return published;
    }

    private async Task<(TrackUploaded Uploaded, DateTimeOffset Written)?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var written = (await storage.StatAsync(key, cancellationToken))?.LastModified;
            await using var body = await storage.GetAsync(key, cancellationToken);
            var uploaded = await JsonSerializer.DeserializeAsync<TrackUploaded>(body, Json, cancellationToken);
            return uploaded is null || written is null ? null : (uploaded, written.Value);
        }
        catch (StoredObjectNotFoundException)
        {
            // Published and removed by its request meanwhile.
            return null;
        }
    }
}

/// <summary>Publishes what the outbox holds every <see cref="UploadOptions.OutboxInterval"/>; a failed pass is tried again at the next.</summary>
public sealed class UploadOutboxDispatcher(UploadOutbox outbox, IBus bus, IOptions<UploadOptions> options, ILogger<UploadOutboxDispatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.OutboxInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await outbox.DispatchAsync(bus, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "The upload outbox could not be dispatched; trying again in {Interval}", options.Value.OutboxInterval);
            }
        }
    }
}
