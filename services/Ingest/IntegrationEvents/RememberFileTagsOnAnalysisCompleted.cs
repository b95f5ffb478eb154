using AudioPlatform.Contracts;
using AudioPlatform.Ingest.Model;
using AudioPlatform.Storage;
using MassTransit;

namespace AudioPlatform.Ingest.IntegrationEvents;

/// <summary>
/// Keeps the values a tagged download writes (tempo, key, genres, moods) from each completed analysis. A re-analysis
/// replaces them; a track deleted meanwhile has no audio, and its values are not kept.
/// </summary>
public sealed class RememberFileTagsOnAnalysisCompleted(IObjectStorage storage) : IConsumer<AnalysisCompleted>
{
    public async Task Consume(ConsumeContext<AnalysisCompleted> context)
    {
        var message = context.Message;
        if (!await storage.ExistsAsync(ObjectKey.ForAudio(message.UserId, message.TrackId), context.CancellationToken)) return;
        await FileTagValues.SaveAsync(storage, message.UserId, message.TrackId, FileTagValues.FromAnalysis(message.AnalysisJson), context.CancellationToken);
    }
}
