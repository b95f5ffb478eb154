using System.Text.Json;
using AudioPlatform.Contracts;
using AudioPlatform.Library.Model;
using MassTransit;

namespace AudioPlatform.Library.IntegrationEvents;

/// <summary>
/// Thrown when an analysis event overtakes its <see cref="TrackUploaded"/> (they travel on different
/// queues): the retry policy delivers it again once the track is known.
/// </summary>
public sealed class TrackNotYetKnownException(Guid trackId) : Exception($"Track {trackId} is not known yet.");

internal static class UnknownTrack
{
    /// <summary>After this many deliveries an unknown track is taken as deleted and the event dropped.</summary>
    private const int Deliveries = 3;

    public static void RetryUnlessDeleted(ConsumeContext context, TransitionOutcome outcome, Guid trackId)
    {
        if (outcome == TransitionOutcome.NotFound && context.GetRetryAttempt() < Deliveries)
        {
            throw new TrackNotYetKnownException(trackId);
        }
    }
}

public sealed class RecordTrackOnTrackUploaded(ITrackRepository tracks) : IConsumer<TrackUploaded>
{
    public Task Consume(ConsumeContext<TrackUploaded> context)
    {
        var m = context.Message;
        return tracks.AddUploadedAsync(new Track
        {
            Id = m.TrackId,
            UserId = m.UserId,
            Title = m.Title ?? Path.GetFileNameWithoutExtension(m.FileName),
            Artist = m.Artist,
            Album = m.Album,
            FileName = m.FileName,
            Format = m.Format,
            SizeBytes = m.SizeBytes,
            ObjectKey = m.ObjectKey,
            Status = TrackStatus.Uploaded,
            CreatedAt = m.OccurredAt.UtcDateTime,
            LastEventAt = m.OccurredAt.UtcDateTime,
        }, context.CancellationToken);
    }
}

public sealed class MarkAnalyzingOnAnalysisStarted(ITrackRepository tracks) : IConsumer<AnalysisStarted>
{
    public async Task Consume(ConsumeContext<AnalysisStarted> context)
    {
        var m = context.Message;
        var outcome = await tracks.MarkAnalyzingAsync(m.UserId, m.TrackId, m.OccurredAt, context.CancellationToken);
        UnknownTrack.RetryUnlessDeleted(context, outcome, m.TrackId);
    }
}

public sealed class StoreAnalysisOnAnalysisCompleted(ITrackRepository tracks) : IConsumer<AnalysisCompleted>
{
    public async Task Consume(ConsumeContext<AnalysisCompleted> context)
    {
        var m = context.Message;
        var outcome = await tracks.MarkAnalyzedAsync(m.UserId, m.TrackId, AnalysisDocument.Read(m.AnalysisJson, m.EngineVersion), m.OccurredAt, context.CancellationToken);
        UnknownTrack.RetryUnlessDeleted(context, outcome, m.TrackId);
    }
}

public sealed class MarkFailedOnAnalysisFailed(ITrackRepository tracks) : IConsumer<AnalysisFailed>
{
    public async Task Consume(ConsumeContext<AnalysisFailed> context)
    {
        var m = context.Message;
        var outcome = await tracks.MarkFailedAsync(m.UserId, m.TrackId, m.Reason, m.OccurredAt, context.CancellationToken);
        UnknownTrack.RetryUnlessDeleted(context, outcome, m.TrackId);
    }
}

/// <summary>Promotes the fields the library filters and sorts on out of the analysis document.</summary>
public static class AnalysisDocument
{
    public static TrackAnalysis Read(string json, string engineVersion)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new TrackAnalysis
        {
            TempoBpm = Number(root, "tempoBpm"),
            Key = Text(root, "key") is { Length: > 0 } key ? key : null,
            Camelot = Text(root, "camelot") is { Length: > 0 } camelot ? camelot : null,
            LoudnessLufs = Number(root, "loudnessLufs"),
            Energy = Number(root, "energy"),
            Genres = Labels(root, "genres"),
            Moods = Labels(root, "moods"),
            Instruments = Labels(root, "instruments"),
            Tags = root.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array
                ? tags.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList()
                : [],
            Description = Text(root, "description"),
            Embedding = Embedding(root),
            ModelVersion = Text(root, "modelVersion"),
            EngineVersion = engineVersion,
            Json = json,
        };
    }

    /// <summary><c>[{ name, confidence }]</c>, best first as the models listed them; malformed entries left out.</summary>
    private static List<Label> Labels(JsonElement root, string name) =>
        root.TryGetProperty(name, out var labels) && labels.ValueKind == JsonValueKind.Array
            ? labels.EnumerateArray()
                .Where(l => l.ValueKind == JsonValueKind.Object && Text(l, "name") is { Length: > 0 } && Number(l, "confidence") is not null)
                .Select(l => new Label { Name = Text(l, "name")!, Confidence = Number(l, "confidence")!.Value })
                .ToList()
            : [];

    /// <summary>The similarity embedding; empty unless every value is a finite number.</summary>
    private static float[] Embedding(JsonElement root)
    {
        if (!root.TryGetProperty("embedding", out var values) || values.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var embedding = new float[values.GetArrayLength()];
        var i = 0;
        foreach (var value in values.EnumerateArray())
        {
            if (value.ValueKind != JsonValueKind.Number || !float.IsFinite(value.GetSingle()))
            {
                return [];
            }

            embedding[i++] = value.GetSingle();
        }

        return embedding;
    }

    private static double? Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && double.IsFinite(value.GetDouble())
            ? value.GetDouble()
            : null;

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
