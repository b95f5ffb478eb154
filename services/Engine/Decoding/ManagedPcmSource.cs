using NAudio.Wave;
using NLayer;
using NVorbis;

namespace AudioPlatform.Engine.Decoding;

/// <summary>
/// The fallback when ffmpeg is missing: NAudio.Core for WAV/AIFF, NLayer for MP3, NVorbis for Ogg Vorbis.
/// The format is recognised from the first bytes, not the extension.
/// </summary>
internal static class ManagedDecoders
{
    public enum Kind { Unknown, Wav, Aiff, Mp3, Ogg, Flac }

    public static Kind Sniff(string path)
    {
        Span<byte> head = stackalloc byte[12];
        using var fs = File.OpenRead(path);
        var n = fs.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..n];
        if (n >= 12 && (head[..4].SequenceEqual("RIFF"u8) || head[..4].SequenceEqual("RF64"u8)) && head[8..12].SequenceEqual("WAVE"u8))
            return Kind.Wav;
        if (n >= 12 && head[..4].SequenceEqual("FORM"u8) && (head[8..12].SequenceEqual("AIFF"u8) || head[8..12].SequenceEqual("AIFC"u8)))
            return Kind.Aiff;
        if (n >= 4 && head[..4].SequenceEqual("OggS"u8))
            return Kind.Ogg;
        if (n >= 4 && head[..4].SequenceEqual("fLaC"u8))
            return Kind.Flac;
        if (n >= 3 && head[..3].SequenceEqual("ID3"u8))
            return Kind.Mp3;
        if (n >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0)
            return Kind.Mp3;
        return Kind.Unknown;
    }

    public static IPcmSource Open(string path, out AudioProbeInfo probe)
    {
        var kind = Sniff(path);
        try
        {
            IPcmSource source = kind switch
            {
                Kind.Wav => new NAudioSource(new WaveFileReader(path), "wav"),
                Kind.Aiff => new NAudioSource(new AiffFileReader(path), "aiff"),
                Kind.Mp3 => FloatArraySource.Mp3(new MpegFile(path)),
                Kind.Ogg => FloatArraySource.Vorbis(new VorbisReader(path)),
                Kind.Flac => throw new AudioDecodeException(AudioDecodeError.UnsupportedFormat,
                    "FLAC needs ffmpeg, which is not installed on this machine."),
                _ => throw new AudioDecodeException(AudioDecodeError.NotAudio,
                    "This file is not in an audio format the built-in decoders read (WAV, AIFF, MP3, Ogg Vorbis)."),
            };
            if (source.SampleRate <= 0 || source.Channels <= 0)
            {
                source.Dispose();
                throw new AudioDecodeException(AudioDecodeError.CorruptData, "No valid audio frame was found in the file.");
            }
            probe = new AudioProbeInfo(kind.ToString().ToLowerInvariant(), source.Decoder, source.SampleRate, source.Channels,
                null, (source as IHasDuration)?.DurationSeconds, AudioTags.Empty);
            return source;
        }
        catch (AudioDecodeException)
        {
            throw;
        }
        catch (Exception e) when (IsDecoderFault(e))
        {
            throw new AudioDecodeException(kind == Kind.Unknown ? AudioDecodeError.NotAudio : AudioDecodeError.CorruptData,
                $"The {kind} data could not be read: {e.Message}", e);
        }
    }

    internal interface IHasDuration
    {
        double? DurationSeconds { get; }
    }

    private sealed class NAudioSource(WaveStream reader, string name) : IPcmSource, IHasDuration
    {
        private readonly ISampleProvider _samples = reader.ToSampleProvider();
        public int SampleRate => reader.WaveFormat.SampleRate;
        public int Channels => reader.WaveFormat.Channels;
        public string Decoder => "naudio-" + name;
        public double? DurationSeconds => reader.TotalTime.TotalSeconds;

        public int Read(Span<float> interleaved)
        {
            var n = interleaved.Length - interleaved.Length % Channels;
            try
            {
                return _samples.Read(interleaved[..n]);
            }
            catch (Exception e) when (IsDecoderFault(e))
            {
                throw Corrupt(e);
            }
        }

        public void Dispose() => reader.Dispose();
    }

    /// <summary>
    /// A decoder that fills a float array of interleaved samples: NLayer's <see cref="MpegFile"/> and NVorbis'
    /// <see cref="VorbisReader"/> both read that way.
    /// </summary>
    private sealed class FloatArraySource(
        string decoder, int sampleRate, int channels, Func<double?> duration, Func<float[], int, int, int> readSamples, IDisposable reader)
        : IPcmSource, IHasDuration
    {
        private float[] _buffer = [];
        public int SampleRate => sampleRate;
        public int Channels => channels;
        public string Decoder => decoder;
        public double? DurationSeconds => duration();

        public static FloatArraySource Mp3(MpegFile file) =>
            new("nlayer", file.SampleRate, file.Channels, () => file.Duration.TotalSeconds, file.ReadSamples, file);

        public static FloatArraySource Vorbis(VorbisReader reader) =>
            new("nvorbis", reader.SampleRate, reader.Channels, () => reader.TotalTime.TotalSeconds, reader.ReadSamples, reader);

        public int Read(Span<float> interleaved)
        {
            var n = interleaved.Length - interleaved.Length % Channels;
            if (_buffer.Length < n)
                _buffer = new float[n];
            int got;
            try
            {
                got = readSamples(_buffer, 0, n);
            }
            catch (Exception e) when (IsDecoderFault(e))
            {
                throw Corrupt(e);
            }
            _buffer.AsSpan(0, got).CopyTo(interleaved);
            return got;
        }

        public void Dispose() => reader.Dispose();
    }

    private static bool IsDecoderFault(Exception e) =>
        e is FormatException or InvalidDataException or ArgumentException or EndOfStreamException
            or IOException or NotSupportedException or InvalidOperationException or IndexOutOfRangeException or NullReferenceException;

    private static AudioDecodeException Corrupt(Exception e) =>
        new(AudioDecodeError.CorruptData, $"The audio data is damaged: {e.Message}", e);
}
