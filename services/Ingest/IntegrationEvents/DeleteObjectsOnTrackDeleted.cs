using AudioPlatform.Contracts;
using AudioPlatform.Storage;
using MassTransit;

namespace AudioPlatform.Ingest.IntegrationEvents;

/// <summary>Removes the audio of a deleted track and its remembered tag values and corrections (Analysis removes what it derived); deleting twice is harmless.</summary>
public sealed class DeleteObjectsOnTrackDeleted(IObjectStorage storage) : IConsumer<TrackDeleted>
{
    public async Task Consume(ConsumeContext<TrackDeleted> context)
    {
        await storage.DeleteAsync(ObjectKey.ForAudio(context.Message.UserId, context.Message.TrackId), context.CancellationToken);
        await storage.DeleteAsync(ObjectKey.ForFileTags(context.Message.UserId, context.Message.TrackId), context.CancellationToken);
        await storage.DeleteAsync(ObjectKey.ForFileCorrections(context.Message.UserId, context.Message.TrackId), context.CancellationToken);
    }
}
