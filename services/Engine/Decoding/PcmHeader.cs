using System.Buffers.Binary;

namespace AudioPlatform.Engine.Decoding;

/// <summary>What the header of an uncompressed file says; the codec named as ffprobe names it (<c>pcm_s16le</c>, <c>pcm_f32be</c>, ...).</summary>
internal sealed record PcmFacts(string Codec, int SampleRate, int Channels, long? BitRate, double? DurationSeconds, bool DurationEstimated);

/// <summary>
/// Reads WAV (RIFF and RF64) and AIFF (and AIFF-C) headers. TagLib reads neither RF64 nor AIFF-C (it refused them as
/// not audio), nor whether samples are integers or floats, and takes a streaming WAV's placeholder length for hours.
/// </summary>
internal static class PcmHeader
{
    private const int WaveFormatPcm = 1;
    private const int WaveFormatAdpcm = 2;
    private const int WaveFormatFloat = 3;
    private const int WaveFormatAlaw = 6;
    private const int WaveFormatMulaw = 7;
    private const int WaveFormatImaAdpcm = 0x11;
    private const int WaveFormatMpegLayer3 = 0x55;
    private const int WaveFormatExtensible = 0xFFFE;

    /// <summary>Null when the file has no format chunk (<c>fmt </c> or <c>COMM</c>) where its header says it should.</summary>
    public static PcmFacts? Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
        Span<byte> head = stackalloc byte[12];
        if (stream.ReadAtLeast(head, 12, throwOnEndOfStream: false) < 12)
            return null;
        var form = head[8..];
        if ((head[..4].SequenceEqual("RIFF"u8) || head[..4].SequenceEqual("RF64"u8)) && form.SequenceEqual("WAVE"u8))
            return Wave(stream);
        if (head[..4].SequenceEqual("FORM"u8) && (form.SequenceEqual("AIFF"u8) || form.SequenceEqual("AIFC"u8)))
            return Aiff(stream, compressed: form.SequenceEqual("AIFC"u8));
        return null;
    }

    private static PcmFacts? Wave(FileStream stream)
    {
        byte[]? fmt = null;
        long? ds64DataSize = null;
        foreach (var (id, size, body) in Chunks(stream, bigEndian: false))
        {
            switch (id)
            {
                case "ds64" when size >= 24:
                    ds64DataSize = (long)BinaryPrimitives.ReadUInt64LittleEndian(Read(stream, body, 24).AsSpan(8));
                    break;
                case "fmt " when size >= 16:
                    fmt = Read(stream, body, (int)Math.Min(size, 40));
                    break;
                case "data" when fmt is not null:
                    // 0 and 0xFFFFFFFF are what a writer that streams leaves there (RF64 keeps the real size in ds64).
                    var declared = size == 0xFFFFFFFF && ds64DataSize is { } large ? large : size;
                    var placeholder = declared is 0 or 0xFFFFFFFF;
                    return WaveFacts(fmt, placeholder ? stream.Length - body : declared, estimated: placeholder);
            }
        }

        return fmt is null ? null : WaveFacts(fmt, dataBytes: 0, estimated: true);
    }

    private static PcmFacts WaveFacts(byte[] fmt, long dataBytes, bool estimated)
    {
        int tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt.AsSpan(2));
        var rate = (int)Math.Min(int.MaxValue, BinaryPrimitives.ReadUInt32LittleEndian(fmt.AsSpan(4)));
        long byteRate = BinaryPrimitives.ReadUInt32LittleEndian(fmt.AsSpan(8));
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt.AsSpan(14));
        // WAVE_FORMAT_EXTENSIBLE names the real format in the first two bytes of its sub-format GUID.
        if (tag == WaveFormatExtensible && fmt.Length >= 26)
            tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt.AsSpan(24));
        var codec = tag switch
        {
            WaveFormatPcm when bits == 8 => "pcm_u8",
            WaveFormatPcm => $"pcm_s{bits}le",
            WaveFormatFloat => $"pcm_f{bits}le",
            WaveFormatAlaw => "pcm_alaw",
            WaveFormatMulaw => "pcm_mulaw",
            WaveFormatAdpcm => "adpcm_ms",
            WaveFormatImaAdpcm => "adpcm_ima_wav",
            WaveFormatMpegLayer3 => "mp3",
            _ => $"wav-format-0x{tag:x4}",
        };
        double? duration = byteRate > 0 && dataBytes > 0 ? (double)dataBytes / byteRate : null;
        return new PcmFacts(codec, rate, channels, byteRate > 0 ? byteRate * 8 : null, duration, estimated || duration is null);
    }

    private static PcmFacts? Aiff(FileStream stream, bool compressed)
    {
        foreach (var (id, size, body) in Chunks(stream, bigEndian: true))
        {
            if (id != "COMM" || size < 18)
                continue;
            var comm = Read(stream, body, (int)Math.Min(size, 22));
            int channels = BinaryPrimitives.ReadUInt16BigEndian(comm);
            long frames = BinaryPrimitives.ReadUInt32BigEndian(comm.AsSpan(2));
            int bits = BinaryPrimitives.ReadUInt16BigEndian(comm.AsSpan(6));
            var rate = (int)Math.Round(ExtendedFloat(comm.AsSpan(8, 10)));
            var compression = compressed && comm.Length >= 22 ? System.Text.Encoding.ASCII.GetString(comm, 18, 4) : "NONE";
            var codec = compression switch
            {
                "NONE" or "twos" => bits == 8 ? "pcm_s8" : $"pcm_s{bits}be",
                "sowt" => bits == 8 ? "pcm_s8" : $"pcm_s{bits}le",
                "fl32" or "FL32" => "pcm_f32be",
                "fl64" or "FL64" => "pcm_f64be",
                "raw " => "pcm_u8",
                "alaw" or "ALAW" => "pcm_alaw",
                "ulaw" or "ULAW" => "pcm_mulaw",
                _ => compression.Trim().ToLowerInvariant(),
            };
            double? duration = rate > 0 && frames > 0 ? (double)frames / rate : null;
            long? bitRate = rate > 0 && channels > 0 && bits > 0 ? (long)rate * channels * bits : null;
            return new PcmFacts(codec, rate, channels, bitRate, duration, duration is null);
        }

        return null;
    }

    /// <summary>The chunks after the 12-byte RIFF or IFF header: id, declared size, and where the body starts.</summary>
    internal static IEnumerable<(string Id, long Size, long Body)> Chunks(Stream stream, bool bigEndian)
    {
        var chunk = new byte[8];
        long position = 12;
        while (position + 8 <= stream.Length)
        {
            stream.Position = position;
            if (stream.ReadAtLeast(chunk, 8, throwOnEndOfStream: false) < 8)
                yield break;
            long size = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(chunk.AsSpan(4)) : BinaryPrimitives.ReadUInt32LittleEndian(chunk.AsSpan(4));
            yield return (System.Text.Encoding.ASCII.GetString(chunk, 0, 4), size, position + 8);
            position += 8 + size + (size & 1);
        }
    }

    private static byte[] Read(FileStream stream, long offset, int length)
    {
        var bytes = new byte[length];
        stream.Position = offset;
        stream.ReadAtLeast(bytes, length, throwOnEndOfStream: false);
        return bytes;
    }

    /// <summary>AIFF's sample rate: an 80-bit IEEE 754 extended-precision number, big-endian.</summary>
    private static double ExtendedFloat(ReadOnlySpan<byte> bytes)
    {
        var exponent = ((bytes[0] & 0x7F) << 8) | bytes[1];
        var mantissa = BinaryPrimitives.ReadUInt64BigEndian(bytes[2..]);
        if (exponent == 0 && mantissa == 0)
            return 0;
        var value = mantissa * Math.Pow(2, exponent - 16383 - 63);
        return (bytes[0] & 0x80) != 0 ? -value : value;
    }
}
