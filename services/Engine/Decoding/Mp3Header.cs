namespace AudioPlatform.Engine.Decoding;

/// <summary>What an MP3's first frame says: its format, and its length when a Xing, Info or VBRI header counts the frames.</summary>
internal sealed record Mp3Stream(int SampleRate, int Channels, long BitRate, double DurationSeconds, bool DurationEstimated);

/// <summary>
/// Finds where an MP3's audio really starts: a frame header whose length leads to a second frame header of the same
/// kind (or to the end of the file), as ffmpeg's MP3 probe demands; a lone frame sync (0xFFE) turns up in any binary
/// data, two in a chain do not. The first frame gives the format, and its Xing/Info (LAME) or VBRI header the number of
/// frames, hence the duration ffprobe reports; without one the duration is estimated from the bit rate, as ffprobe does.
/// </summary>
internal static class Mp3Header
{
    private const int Window = 64 * 1024;

    private static readonly int[][] BitRatesKbps =
    [
        [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448], // MPEG-1 layer I
        [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],    // MPEG-1 layer II
        [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],     // MPEG-1 layer III
        [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],    // MPEG-2/2.5 layer I
        [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],         // MPEG-2/2.5 layers II and III
    ];

    private static readonly int[][] SampleRates = [[11025, 12000, 8000], [], [22050, 24000, 16000], [44100, 48000, 32000]];

    /// <summary>The stream's facts from its first frame, or null when no frame is followed by another.</summary>
    /// <param name="anyFrameHeader">Whether anything in the first 64 KiB of audio looked like a frame header at all.</param>
    public static Mp3Stream? Read(string path, out bool anyFrameHeader)
    {
        anyFrameHeader = false;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
        var start = AfterId3v2(stream);
        stream.Position = start;
        var window = new byte[Window];
        var length = stream.ReadAtLeast(window, window.Length, throwOnEndOfStream: false);
        var endOfFile = stream.Position == stream.Length;
        for (var at = 0; at + 4 <= length; at++)
        {
            if (FrameLength(window.AsSpan(at)) is not { } frame)
                continue;
            anyFrameHeader = true;
            var next = at + frame;
            var chained = next + 4 <= length && FrameLength(window.AsSpan(next)) is not null && SameKind(window.AsSpan(at), window.AsSpan(next))
                // A file of one frame, or one whose first frame ends where an ID3v1 tag starts.
                || endOfFile && (next == length || next + 3 <= length && window.AsSpan(next, 3).SequenceEqual("TAG"u8));
            if (chained)
                return Describe(window.AsSpan(at, Math.Min(frame, length - at)), stream.Length - start - at);
        }
        return null;
    }

    private static Mp3Stream Describe(ReadOnlySpan<byte> frame, long audioBytes)
    {
        var version = (frame[1] >> 3) & 3;
        var layer = 4 - ((frame[1] >> 1) & 3);
        var sampleRate = SampleRates[version][(frame[2] >> 2) & 3];
        var mono = frame[3] >> 6 == 3;
        var table = version == 3 ? layer - 1 : layer == 1 ? 3 : 4;
        long bitRate = BitRatesKbps[table][frame[2] >> 4] * 1000;
        var samplesPerFrame = layer == 1 ? 384 : layer == 3 && version != 3 ? 576 : 1152;
        if (CountedFrames(frame, version, mono) is { } frames)
        {
            var seconds = (double)frames * samplesPerFrame / sampleRate;
            return new Mp3Stream(sampleRate, mono ? 1 : 2, seconds > 0 ? (long)(audioBytes * 8 / seconds) : bitRate, seconds, DurationEstimated: false);
        }
        return new Mp3Stream(sampleRate, mono ? 1 : 2, bitRate, audioBytes * 8.0 / bitRate, DurationEstimated: true);
    }

    /// <summary>The frame count of a Xing or Info header (after the side information) or a VBRI header (at 36).</summary>
    private static long? CountedFrames(ReadOnlySpan<byte> frame, int version, bool mono)
    {
        var sideInformation = version == 3 ? (mono ? 17 : 32) : (mono ? 9 : 17);
        var crc = (frame[1] & 1) == 0 ? 2 : 0;
        var xing = 4 + crc + sideInformation;
        if (frame.Length >= xing + 12 && (frame.Slice(xing, 4).SequenceEqual("Xing"u8) || frame.Slice(xing, 4).SequenceEqual("Info"u8))
            && (frame[xing + 7] & 1) != 0)
        {
            return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(frame.Slice(xing + 8, 4));
        }
        if (frame.Length >= 36 + 18 && frame.Slice(36, 4).SequenceEqual("VBRI"u8))
            return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(frame.Slice(36 + 14, 4));
        return null;
    }

    /// <summary>The length in bytes of the frame whose header starts <paramref name="header"/>, or null when it is not one.</summary>
    internal static int? FrameLength(ReadOnlySpan<byte> header)
    {
        if (header.Length < 4 || header[0] != 0xFF || (header[1] & 0xE0) != 0xE0)
            return null;
        var version = (header[1] >> 3) & 3;   // 0 MPEG-2.5, 1 reserved, 2 MPEG-2, 3 MPEG-1
        var layer = 4 - ((header[1] >> 1) & 3); // 1, 2 or 3; 4 is reserved
        var bitRateIndex = header[2] >> 4;
        var sampleRateIndex = (header[2] >> 2) & 3;
        if (version == 1 || layer == 4 || bitRateIndex is 0 or 15 || sampleRateIndex == 3)
            return null;
        var table = version == 3 ? layer - 1 : layer == 1 ? 3 : 4;
        var bitRate = BitRatesKbps[table][bitRateIndex] * 1000;
        var sampleRate = SampleRates[version][sampleRateIndex];
        var padding = (header[2] >> 1) & 1;
        return layer switch
        {
            1 => (12 * bitRate / sampleRate + padding) * 4,
            3 when version != 3 => 72 * bitRate / sampleRate + padding,
            _ => 144 * bitRate / sampleRate + padding,
        };
    }

    /// <summary>Same MPEG version, layer and sample rate: what stays the same from frame to frame.</summary>
    private static bool SameKind(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) =>
        (a[1] & 0xFE) == (b[1] & 0xFE) && (a[2] & 0x0C) == (b[2] & 0x0C);

    /// <summary>The offset after the ID3v2 tags at the start (a tag can hold pictures of several megabytes).</summary>
    private static long AfterId3v2(Stream stream)
    {
        Span<byte> header = stackalloc byte[10];
        long position = 0;
        while (true)
        {
            stream.Position = position;
            if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length || !header[..3].SequenceEqual("ID3"u8))
                return position;
            var size = (header[6] & 0x7F) << 21 | (header[7] & 0x7F) << 14 | (header[8] & 0x7F) << 7 | header[9] & 0x7F;
            var footer = (header[5] & 0x10) != 0 ? 10 : 0;
            position += 10 + size + footer;
        }
    }
}
