namespace AudioPlatform.Ingest.Model;

/// <summary>
/// Recognises the accepted formats by their first bytes, whatever the file name or Content-Type say.
/// </summary>
public static class AudioFormatSniffer
{
    /// <summary>How many leading bytes <see cref="Detect"/> needs to decide.</summary>
    public const int HeaderLength = 64;

    /// <summary>The format name (<c>mp3</c>, <c>wav</c>, <c>flac</c>, <c>aiff</c>, <c>ogg</c>), or null for anything else.</summary>
    public static string? Detect(ReadOnlySpan<byte> header)
    {
        if (header.Length >= 12 && (header[..4].SequenceEqual("RIFF"u8) || header[..4].SequenceEqual("RF64"u8) || header[..4].SequenceEqual("BW64"u8))
            && header[8..12].SequenceEqual("WAVE"u8))
        {
            return "wav";
        }

        if (header.Length >= 12 && header[..4].SequenceEqual("FORM"u8) && (header[8..12].SequenceEqual("AIFF"u8) || header[8..12].SequenceEqual("AIFC"u8)))
        {
            return "aiff";
        }

        if (header.Length >= 4 && header[..4].SequenceEqual("fLaC"u8))
        {
            return "flac";
        }

        if (header.Length >= 4 && header[..4].SequenceEqual("OggS"u8))
        {
            return "ogg";
        }

        if (header.Length >= 3 && header[..3].SequenceEqual("ID3"u8))
        {
            return "mp3";
        }

        // A bare MPEG audio frame: 11 sync bits, then a layer that is not "reserved".
        if (header.Length >= 2 && header[0] == 0xFF && (header[1] & 0xE0) == 0xE0 && (header[1] & 0x06) != 0)
        {
            return "mp3";
        }

        return null;
    }
}
