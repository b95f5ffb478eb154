namespace AudioPlatform.Engine.Decoding;

/// <summary>Why an input could not be decoded. Stable names: callers map them to user-facing messages and metrics.</summary>
public enum AudioDecodeError
{
    /// <summary>The path does not exist.</summary>
    FileNotFound,
    /// <summary>The input has zero bytes.</summary>
    EmptyFile,
    /// <summary>The input is not audio at all (text, an image, an unknown container).</summary>
    NotAudio,
    /// <summary>The input claims an audio format but its data cannot be decoded (random bytes, corrupt frames).</summary>
    CorruptData,
    /// <summary>The input ends before the length its own header declares.</summary>
    Truncated,
    /// <summary>A WAV/RF64 header declares a data length that does not match the file.</summary>
    HeaderLengthMismatch,
    /// <summary>The format needs a decoder that is not available here (e.g. FLAC without ffmpeg).</summary>
    UnsupportedFormat,
    /// <summary>The audio is longer than the configured maximum duration.</summary>
    TooLong,
    /// <summary>Decoding took longer than the configured time limit; the decoder was stopped.</summary>
    Timeout,
    /// <summary>The external decoder failed for a reason not covered above.</summary>
    DecoderFailed,
}

/// <summary>A typed decoding failure with a reason code and a message fit to show a user.</summary>
public sealed class AudioDecodeException : Exception
{
    public AudioDecodeException(AudioDecodeError reason, string message, Exception? inner = null)
        : base(message, inner) => Reason = reason;

    public AudioDecodeError Reason { get; }
}
