namespace AudioPlatform.Engine.Decoding;

/// <summary>Embedded tags that matter to a music library. Null when absent.</summary>
public sealed record AudioTags(string? Title, string? Artist, string? Album, string? Genre, string? Bpm, string? Key)
{
    public static AudioTags Empty { get; } = new(null, null, null, null, null, null);
}

/// <summary>What the container says about the first audio stream, before decoding.</summary>
/// <param name="Container">Container/format name (e.g. "mp3", "wav", "flac", "ogg", "aiff").</param>
/// <param name="Codec">Codec name (e.g. "mp3", "pcm_s16le", "flac", "vorbis", "opus").</param>
/// <param name="SampleRate">Native sample rate in Hz.</param>
/// <param name="Channels">Native channel count.</param>
/// <param name="BitRate">Bits per second, when known.</param>
/// <param name="DurationSeconds">Declared or estimated duration, when known (not the decoded one).</param>
/// <param name="Tags">Embedded tags.</param>
/// <param name="DurationEstimated">True when the duration is a guess from the bit rate rather than a header field.</param>
public sealed record AudioProbeInfo(
    string Container,
    string Codec,
    int SampleRate,
    int Channels,
    long? BitRate,
    double? DurationSeconds,
    AudioTags Tags,
    bool DurationEstimated = false);
