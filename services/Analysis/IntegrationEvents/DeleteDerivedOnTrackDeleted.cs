using AudioPlatform.Contracts;
using AudioPlatform.Storage;
using MassTransit;

namespace AudioPlatform.Analysis.IntegrationEvents;

/// <summary>Removes the blobs the analysis derived from a deleted track (Ingest removes the audio); deleting twice is harmless.</summary>
public sealed class DeleteDerivedOnTrackDeleted(IObjectStorage storage) : IConsumer<TrackDeleted>
{
    public async Task Consume(ConsumeContext<TrackDeleted> context)
    {
        var m = context.Message;
        await storage.DeleteByPrefixAsync(ObjectKey.DerivedPrefix(m.UserId, m.TrackId), context.CancellationToken);
        // Blobs written before the owner was part of their key (derived/{trackId}/): nothing serves them any more.
        await storage.DeleteByPrefixAsync($"derived/{m.TrackId:D}/", context.CancellationToken);
    }
}
