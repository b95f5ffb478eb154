namespace AudioPlatform.Engine.Decoding;

/// <summary>
/// What a person is told when a file cannot be decoded, one sentence per <see cref="AudioDecodeError"/>: the one
/// place the platform turns a reason into words. <see cref="Exception.Message"/> of an <see cref="AudioDecodeException"/>
/// is for logs and the offline CLI (it can quote the decoder's own words and numbers); these never name a path, a
/// process or a decoder.
/// </summary>
public static class DecodeFailureMessages
{
    public static string ForUser(AudioDecodeError reason) => reason switch
    {
        AudioDecodeError.FileNotFound => "The stored file could not be read back. Upload it again.",
        AudioDecodeError.EmptyFile => "The file is empty: it holds no audio.",
        AudioDecodeError.NotAudio => "The file is not in an audio format the platform reads (MP3, WAV, FLAC, AIFF or OGG).",
        AudioDecodeError.CorruptData => "The file is damaged: its audio cannot be decoded.",
        AudioDecodeError.Truncated =>
            "The file ends before its audio does: it was probably cut off while copying or downloading. Upload the complete file.",
        AudioDecodeError.HeaderLengthMismatch =>
            "The file's header does not match its audio (it declares a different length). Export or convert it again and upload the new file.",
        AudioDecodeError.UnsupportedFormat => "This audio format cannot be decoded here.",
        AudioDecodeError.TooLong => "The audio is longer than the longest track the analysis accepts.",
        AudioDecodeError.Timeout => "Reading the audio took too long and was stopped. Try a shorter or simpler file.",
        _ => "The audio in this file could not be decoded.",
    };

    /// <summary>The words for <paramref name="exception"/>'s reason.</summary>
    public static string ForUser(this AudioDecodeException exception) => ForUser(exception.Reason);
}
