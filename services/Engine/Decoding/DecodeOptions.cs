namespace AudioPlatform.Engine.Decoding;

/// <summary>Limits and choices for one decode.</summary>
public sealed record DecodeOptions
{
    /// <summary>Wall-clock limit for the whole decode; the decoder process is killed when it passes.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Longest audio accepted, in seconds (declared or decoded); longer input fails with <see cref="AudioDecodeError.TooLong"/>.</summary>
    public double MaxDurationSeconds { get; init; } = 4 * 3600;

    /// <summary>Use ffmpeg when installed (default); false forces the managed decoders.</summary>
    public bool UseFfmpeg { get; init; } = true;

    public static DecodeOptions Default { get; } = new();
}
