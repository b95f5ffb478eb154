using System.Buffers.Binary;

namespace AudioPlatform.Engine.Tests.Support;

public enum WavSampleFormat { Pcm16, Pcm24, Pcm32, Float32 }

/// <summary>Writes RIFF WAV files from float samples (interleaved), so tests need no audio fixtures in the repository.</summary>
internal static class WavWriter
{
    public static void Write(string path, float[] interleaved, int sampleRate, int channels, WavSampleFormat format = WavSampleFormat.Pcm16)
    {
        using var fs = File.Create(path);
        Write(fs, interleaved, sampleRate, channels, format);
    }

    public static void Write(Stream s, float[] interleaved, int sampleRate, int channels, WavSampleFormat format = WavSampleFormat.Pcm16)
    {
        var bytesPerSample = format switch { WavSampleFormat.Pcm16 => 2, WavSampleFormat.Pcm24 => 3, _ => 4 };
        var dataBytes = interleaved.Length * bytesPerSample;
        var header = new byte[44];
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), 36 + dataBytes);
        "WAVEfmt "u8.CopyTo(header.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(20), (short)(format == WavSampleFormat.Float32 ? 3 : 1));
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(22), (short)channels);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(24), sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(28), sampleRate * channels * bytesPerSample);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(32), (short)(channels * bytesPerSample));
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(34), (short)(bytesPerSample * 8));
        "data"u8.CopyTo(header.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(40), dataBytes);
        s.Write(header);

        var buffer = new byte[dataBytes];
        var o = 0;
        foreach (var f in interleaved)
        {
            var v = Math.Clamp(f, -1f, 1f);
            switch (format)
            {
                case WavSampleFormat.Pcm16:
                    BinaryPrimitives.WriteInt16LittleEndian(buffer.AsSpan(o), (short)Math.Round(v * 32767));
                    break;
                case WavSampleFormat.Pcm24:
                    var i24 = (int)Math.Round(v * 8388607);
                    buffer[o] = (byte)i24;
                    buffer[o + 1] = (byte)(i24 >> 8);
                    buffer[o + 2] = (byte)(i24 >> 16);
                    break;
                case WavSampleFormat.Pcm32:
                    BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(o), (int)Math.Round(v * 2147483647.0));
                    break;
                default:
                    BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(o), f);
                    break;
            }
            o += bytesPerSample;
        }
        s.Write(buffer);
    }
}
