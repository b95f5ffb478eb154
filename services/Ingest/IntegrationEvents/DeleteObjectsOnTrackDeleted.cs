using AudioPlatform.Contracts;
using AudioPlatform.Storage;
using MassTransit;

namespace AudioPlatform.Ingest.IntegrationEvents;

/// <summary>Removes the audio and everything derived from it; deleting twice is harmless.</summary>
public sealed class DeleteObjectsOnTrackDeleted(IObjectStorage storage) : IConsumer<TrackDeleted>
{
    public async Task Consume(ConsumeContext<TrackDeleted> context)
    {
        var m = context.Message;
        await storage.DeleteAsync(ObjectKey.ForAudio(m.UserId, m.TrackId), context.CancellationToken);
        await storage.DeleteByPrefixAsync(ObjectKey.DerivedPrefix(m.TrackId), context.CancellationToken);
    }
}
