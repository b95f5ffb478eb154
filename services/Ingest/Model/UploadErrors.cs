namespace AudioPlatform.Ingest.Model;

/// <summary>A refused upload, with the HTTP status and the reason a person can act on.</summary>
public sealed class UploadRefusedException(int statusCode, string title, string detail, string? fileName = null) : Exception(detail)
{
    public int StatusCode { get; } = statusCode;

    public string Title { get; } = title;

    public string? FileName { get; } = fileName;

    /// <summary>When the refusal is temporary: how long the client should wait before sending again.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Files of the same request that were accepted before the refusal (they will be analysed).</summary>
    public IReadOnlyList<UploadedTrack> Accepted { get; init; } = [];
}
