using System.Buffers.Binary;

namespace AudioPlatform.Engine.Decoding;

/// <summary>Cheap checks done before any decoder runs: existence, emptiness and RIFF/RF64 header honesty.</summary>
internal static class InputChecks
{
    public static long EnsureReadable(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
            throw new AudioDecodeException(AudioDecodeError.FileNotFound, $"The file '{Path.GetFileName(path)}' does not exist.");
        if (info.Length == 0)
            throw new AudioDecodeException(AudioDecodeError.EmptyFile, "The file is empty (zero bytes).");
        return info.Length;
    }

    /// <summary>
    /// For RIFF/RF64 WAV files, compares the declared data length with the bytes present.
    /// A cut-off file (RIFF size also larger than the file) is <see cref="AudioDecodeError.Truncated"/>;
    /// a file whose RIFF size fits but whose data chunk claims more, or which has unexplained bytes after
    /// a short data chunk, has a lying header (<see cref="AudioDecodeError.HeaderLengthMismatch"/>).
    /// Streaming placeholders (0 or 0xFFFFFFFF) are accepted.
    /// </summary>
    public static void CheckWavHeader(string path)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
        CheckWavHeader(fs);
    }

    public static void CheckWavHeader(Stream s)
    {
        var fileLength = s.Length;
        Span<byte> head = stackalloc byte[12];
        if (s.ReadAtLeast(head, 12, throwOnEndOfStream: false) < 12)
            return;
        var riff = head[..4].SequenceEqual("RIFF"u8);
        var rf64 = head[..4].SequenceEqual("RF64"u8);
        if (!(riff || rf64) || !head[8..12].SequenceEqual("WAVE"u8))
            return;

        long riffSize = BinaryPrimitives.ReadUInt32LittleEndian(head[4..8]);
        long? ds64Data = null;
        Span<byte> ds = stackalloc byte[24];
        Span<byte> chunk = stackalloc byte[8];
        foreach (var (id, size, body) in PcmHeader.Chunks(s, bigEndian: false))
        {
            if (id == "ds64")
            {
                s.Position = body;
                if (s.ReadAtLeast(ds, 24, throwOnEndOfStream: false) < 24)
                    throw new AudioDecodeException(AudioDecodeError.Truncated, "The RF64 file ends inside its header.");
                riffSize = (long)BinaryPrimitives.ReadUInt64LittleEndian(ds[..8]);
                ds64Data = (long)BinaryPrimitives.ReadUInt64LittleEndian(ds[8..16]);
            }
            else if (id == "data")
            {
                var declared = rf64 && size == 0xFFFFFFFF && ds64Data is not null ? ds64Data.Value : size;
                var available = fileLength - body;
                if (declared == 0 && available == 0)
                    throw new AudioDecodeException(AudioDecodeError.EmptyFile, "The WAV file has a header but no audio samples.");
                if (declared == 0 || declared == 0xFFFFFFFF)
                    return; // written while streaming: the decoder reads to end of file

                var riffDeclaresEnd = riffSize + 8;
                if (declared > available)
                {
                    if (riffDeclaresEnd > fileLength)
                        throw new AudioDecodeException(AudioDecodeError.Truncated,
                            $"The WAV file is cut off: its header promises {declared:N0} bytes of audio but only {available:N0} are present.");
                    throw new AudioDecodeException(AudioDecodeError.HeaderLengthMismatch,
                        $"The WAV header is wrong: it declares {declared:N0} bytes of audio but the file holds {available:N0}.");
                }

                var after = body + declared + (declared & 1);
                if (fileLength - after >= 8)
                {
                    s.Position = after;
                    if (s.ReadAtLeast(chunk, 8, throwOnEndOfStream: false) == 8 && !IsChunkId(chunk[..4]))
                        throw new AudioDecodeException(AudioDecodeError.HeaderLengthMismatch,
                            $"The WAV header is wrong: it declares {declared:N0} bytes of audio but {available:N0} bytes follow it.");
                }
                return;
            }
        }
    }

    private static bool IsChunkId(ReadOnlySpan<byte> id)
    {
        foreach (var b in id)
            if (b < 0x20 || b > 0x7E)
                return false;
        return true;
    }
}
