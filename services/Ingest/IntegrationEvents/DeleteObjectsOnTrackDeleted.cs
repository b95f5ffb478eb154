using AudioPlatform.Contracts;
using AudioPlatform.Storage;
using MassTransit;

namespace AudioPlatform.Ingest.IntegrationEvents;

/// <summary>Removes the audio of a deleted track (Analysis removes what it derived); deleting twice is harmless.</summary>
public sealed class DeleteObjectsOnTrackDeleted(IObjectStorage storage) : IConsumer<TrackDeleted>
{
    public Task Consume(ConsumeContext<TrackDeleted> context) =>
        storage.DeleteAsync(ObjectKey.ForAudio(context.Message.UserId, context.Message.TrackId), context.CancellationToken);
}
