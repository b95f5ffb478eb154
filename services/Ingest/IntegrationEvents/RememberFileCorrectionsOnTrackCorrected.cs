using AudioPlatform.Contracts;
using AudioPlatform.Ingest.Model;
using AudioPlatform.Storage;
using MassTransit;

namespace AudioPlatform.Ingest.IntegrationEvents;

/// <summary>
/// Keeps the owner's corrections (tempo, key, genre, mood) for tagged downloads, which write them over the analysis's
/// values. The Library owns the corrections; this is Ingest's copy of the few it writes into files. An older event than
/// the one kept changes nothing; a track deleted meanwhile has no audio, and nothing is kept.
/// </summary>
public sealed class RememberFileCorrectionsOnTrackCorrected(IObjectStorage storage) : IConsumer<TrackCorrected>
{
    public async Task Consume(ConsumeContext<TrackCorrected> context)
    {
        var message = context.Message;
        if (!await storage.ExistsAsync(ObjectKey.ForAudio(message.UserId, message.TrackId), context.CancellationToken)) return;
        await FileTagValues.SaveCorrectionsAsync(storage, message, context.CancellationToken);
    }
}
