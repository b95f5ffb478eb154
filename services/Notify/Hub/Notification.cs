using System.Text.Json;

namespace AudioPlatform.Notify.Hub;

/// <summary>
/// What a client receives on the WebSocket. <see cref="Seq"/> increases by one per user, so a client
/// that reconnects with the last number it saw gets exactly what it missed.
/// </summary>
public sealed record Notification(long Seq, string Type, Guid? TrackId, DateTimeOffset OccurredAt, JsonElement? Data);

public static class NotificationTypes
{
    public const string TrackUploaded = "trackUploaded";
    public const string AnalysisStarted = "analysisStarted";
    public const string AnalysisProgress = "analysisProgress";
    public const string AnalysisCompleted = "analysisCompleted";
    public const string AnalysisFailed = "analysisFailed";
    public const string TrackDeleted = "trackDeleted";
    public const string ReanalysisProgress = "reanalysisProgress";

    /// <summary>The owner's corrected values of a track changed: pages showing it reload it.</summary>
    public const string TrackCorrected = "trackCorrected";

    /// <summary>Sent after a resume when the buffer no longer holds everything missed: reload the state.</summary>
    public const string ResyncRequired = "resyncRequired";

    public const string Heartbeat = "heartbeat";
}
