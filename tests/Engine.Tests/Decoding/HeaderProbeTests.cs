using System.Buffers.Binary;
using AudioPlatform.Engine.Decoding;
using AudioPlatform.Engine.Tests.Support;

namespace AudioPlatform.Engine.Tests.Decoding;

/// <summary>
/// The in-process header probe (what Ingest checks an upload with) refuses what ffprobe refuses, for the same reason,
/// and reads the same facts from good files.
/// </summary>
public sealed class HeaderProbeTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Write(string name, byte[] content)
    {
        var path = _temp.File(name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private string Sine(string name, double seconds = 5)
    {
        var wav = _temp.File(Path.ChangeExtension(name, ".source.wav"));
        WavWriter.Write(wav, Signals.Sine(440, seconds, 44100, 2, -12), 44100, 2);
        return Path.GetExtension(name) == ".wav" ? wav : Ffmpeg.Convert(wav, _temp.File(name));
    }

    private static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Cat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    [Fact]
    public void A_zero_byte_file_is_refused_as_empty()
    {
        var e = Assert.Throws<AudioDecodeException>(() => HeaderProbe.Probe(Write("empty.mp3", [])));

        Assert.Equal(AudioDecodeError.EmptyFile, e.Reason);
    }

    [Fact]
    public void A_text_file_is_refused_as_not_audio()
    {
        var e = Assert.Throws<AudioDecodeException>(() => HeaderProbe.Probe(Write("notes.mp3", "This is a text file with an audio extension."u8.ToArray())));

        Assert.Equal(AudioDecodeError.NotAudio, e.Reason);
    }

    [Fact]
    public void A_wav_cut_off_in_its_samples_is_refused_as_truncated()
    {
        var whole = File.ReadAllBytes(Sine("whole.wav"));

        var e = Assert.Throws<AudioDecodeException>(() => HeaderProbe.Probe(Write("cut.wav", whole[..(whole.Length / 3)])));

        Assert.Equal(AudioDecodeError.Truncated, e.Reason);
    }

    [Fact]
    public void A_wav_header_with_no_samples_is_refused_as_empty()
    {
        var header = File.ReadAllBytes(Sine("whole.wav"))[..44];
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), 36);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(40), 0);

        var e = Assert.Throws<AudioDecodeException>(() => HeaderProbe.Probe(Write("nothing.wav", header)));

        Assert.Equal(AudioDecodeError.EmptyFile, e.Reason);
    }

    /// <summary>Files whose first bytes claim a format but hold no audio of it, with ffprobe's verdict on each.</summary>
    public static TheoryData<string, AudioDecodeError> Impostors => new()
    {
        { "id3-then-letters.mp3", AudioDecodeError.NotAudio },
        { "id3-then-noise.mp3", AudioDecodeError.CorruptData },
        { "flac-magic-then-noise.flac", AudioDecodeError.NotAudio },
        { "ogg-magic-then-noise.ogg", AudioDecodeError.NotAudio },
        { "aiff-header-then-noise.aiff", AudioDecodeError.NotAudio },
        { "wav-header-then-noise.wav", AudioDecodeError.NotAudio },
    };

    private byte[] Impostor(string name) => name switch
    {
        "id3-then-letters.mp3" => Cat([.. "ID3"u8, 3, 0, 0, 0, 0, 0, 0], [.. Enumerable.Repeat((byte)0x5A, 4000)]),
        "id3-then-noise.mp3" => Cat([.. "ID3"u8, 3, 0, 0, 0, 0, 0, 0], Random(200_000, 5)),
        "flac-magic-then-noise.flac" => Cat("fLaC"u8.ToArray(), Random(5000, 6)),
        "ogg-magic-then-noise.ogg" => Cat("OggS"u8.ToArray(), Random(5000, 7)),
        "aiff-header-then-noise.aiff" => Cat("FORM"u8.ToArray(), [0, 0, 0x13, 0x8C], "AIFF"u8.ToArray(), Random(5000, 8)),
        "wav-header-then-noise.wav" => Cat("RIFF"u8.ToArray(), [0x8C, 0x13, 0, 0], "WAVE"u8.ToArray(), Random(5000, 9)),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Impostors))]
    public void A_file_with_audio_magic_but_no_audio_is_refused_for_the_reason_ffprobe_gives(string name, AudioDecodeError reason)
    {
        var e = Assert.Throws<AudioDecodeException>(() => HeaderProbe.Probe(Write(name, Impostor(name))));

        Assert.Equal(reason, e.Reason);
    }

    [SkippableTheory]
    [MemberData(nameof(Impostors))]
    public async Task Ffprobe_gives_the_same_reason_for_each_impostor(string name, AudioDecodeError reason)
    {
        Skip.IfNot(Ffmpeg.Available, Ffmpeg.MissingReason);

        var e = await Assert.ThrowsAsync<AudioDecodeException>(() => AudioProbe.ProbeAsync(Write(name, Impostor(name))));

        Assert.Equal(reason, e.Reason);
    }

    [SkippableTheory]
    [InlineData("tone.mp3", "mp3")]
    [InlineData("tone.flac", "flac")]
    [InlineData("tone.ogg", "ogg")]
    [InlineData("tone.aiff", "aiff")]
    [InlineData("tone.wav", "wav")]
    public async Task A_good_file_gets_the_rate_channels_and_duration_ffprobe_reads(string name, string container)
    {
        Skip.IfNot(Ffmpeg.Available, Ffmpeg.MissingReason);
        var path = Sine(name, seconds: 7);

        var probe = HeaderProbe.Probe(path);
        var ffprobe = await AudioProbe.ProbeAsync(path);

        Assert.Equal(container, probe.Container);
        Assert.Equal(ffprobe.SampleRate, probe.SampleRate);
        Assert.Equal(ffprobe.Channels, probe.Channels);
        Assert.False(probe.DurationEstimated);
        Assert.InRange(probe.DurationSeconds!.Value, ffprobe.DurationSeconds!.Value - 0.06, ffprobe.DurationSeconds.Value + 0.06);
    }

    [SkippableTheory]
    [InlineData("u8.wav", new[] { "-c:a", "pcm_u8" })]
    [InlineData("s16.wav", new[] { "-c:a", "pcm_s16le" })]
    [InlineData("s24.wav", new[] { "-c:a", "pcm_s24le" })]
    [InlineData("s32.wav", new[] { "-c:a", "pcm_s32le" })]
    [InlineData("f32.wav", new[] { "-c:a", "pcm_f32le" })]
    [InlineData("f64.wav", new[] { "-c:a", "pcm_f64le" })]
    [InlineData("alaw.wav", new[] { "-c:a", "pcm_alaw" })]
    [InlineData("rf64.wav", new[] { "-c:a", "pcm_s16le", "-rf64", "always" })]
    [InlineData("surround.wav", new[] { "-c:a", "pcm_s16le", "-ac", "6" })]
    [InlineData("s16.aiff", new[] { "-c:a", "pcm_s16be" })]
    [InlineData("s24.aiff", new[] { "-c:a", "pcm_s24be" })]
    [InlineData("s8.aiff", new[] { "-c:a", "pcm_s8" })]
    [InlineData("sowt.aifc", new[] { "-c:a", "pcm_s16le", "-f", "aiff" })]
    [InlineData("float.aifc", new[] { "-c:a", "pcm_f32be", "-f", "aiff" })]
    [InlineData("lossless.flac", new[] { "-c:a", "flac" })]
    [InlineData("vorbis.ogg", new[] { "-c:a", "libvorbis" })]
    [InlineData("speech.opus", new[] { "-c:a", "libopus" })]
    [InlineData("lossy.mp3", new[] { "-c:a", "libmp3lame" })]
    public async Task Every_encoding_is_read_with_ffprobe_s_codec_name_rate_channels_and_duration(string name, string[] codecArgs)
    {
        Skip.IfNot(Ffmpeg.Available, Ffmpeg.MissingReason);
        var path = Ffmpeg.Convert(Sine("source.wav", seconds: 2), _temp.File(name), codecArgs);

        var probe = HeaderProbe.Probe(path);
        var ffprobe = await AudioProbe.ProbeAsync(path);

        Assert.Equal((ffprobe.Codec, ffprobe.SampleRate, ffprobe.Channels), (probe.Codec, probe.SampleRate, probe.Channels));
        Assert.InRange(probe.DurationSeconds!.Value, ffprobe.DurationSeconds!.Value - 0.06, ffprobe.DurationSeconds.Value + 0.06);
    }

    [Fact]
    public void A_wav_written_while_streaming_gets_the_length_of_its_samples_as_an_estimate()
    {
        var bytes = File.ReadAllBytes(Sine("streamed.wav", seconds: 3));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), 0xFFFFFFFF);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(40), 0xFFFFFFFF);

        var probe = HeaderProbe.Probe(Write("placeholder.wav", bytes));

        Assert.True(probe.DurationEstimated);
        Assert.InRange(probe.DurationSeconds!.Value, 2.99, 3.01);
    }

    /// <summary>Headers written to mislead the header reader: each is refused in words, none crashes it or makes it loop.</summary>
    public static TheoryData<string, byte[]> HostileHeaders => new()
    {
        // A format chunk declaring no channels and no rate.
        { "silent-format.wav", Cat("RIFF"u8.ToArray(), [36, 0, 0, 0], "WAVEfmt "u8.ToArray(), [16, 0, 0, 0], new byte[16], "data"u8.ToArray(), [0, 0, 0, 0]) },
        // A format chunk claiming 4 GiB, so the walk jumps past the end.
        { "huge-format.wav", Cat("RIFF"u8.ToArray(), [36, 0, 0, 0], "WAVEfmt "u8.ToArray(), [0xF0, 0xFF, 0xFF, 0xFF], new byte[24]) },
        // An AIFF whose sample rate is an infinite extended float and whose channel count is zero.
        { "infinite-rate.aiff", Cat("FORM"u8.ToArray(), [0, 0, 0, 30], "AIFFCOMM"u8.ToArray(), [0, 0, 0, 18], [0, 0, 0, 0, 0, 100, 0, 16, 0x7F, 0xFF], new byte[8]) },
    };

    [Theory]
    [MemberData(nameof(HostileHeaders))]
    public void A_header_written_to_mislead_is_refused_as_not_audio_or_damaged(string name, byte[] content)
    {
        var e = Assert.Throws<AudioDecodeException>(() => HeaderProbe.Probe(Write(name, content)));

        Assert.Contains(e.Reason, new[] { AudioDecodeError.NotAudio, AudioDecodeError.CorruptData, AudioDecodeError.EmptyFile });
    }

    [SkippableFact]
    public void An_mp3_cut_short_keeps_the_length_its_header_declares_for_the_decoder_to_check()
    {
        Skip.IfNot(Ffmpeg.Available, Ffmpeg.MissingReason);
        var whole = File.ReadAllBytes(Sine("whole.mp3", seconds: 30));

        var probe = HeaderProbe.Probe(Write("cut.mp3", whole[..(whole.Length / 4)]));

        Assert.InRange(probe.DurationSeconds!.Value, 29.9, 30.2);
        Assert.False(probe.DurationEstimated);
    }

    [SkippableFact]
    public void Tags_are_read_from_an_mp3()
    {
        Skip.IfNot(Ffmpeg.Available, Ffmpeg.MissingReason);
        var source = Sine("plain.mp3");
        var tagged = Ffmpeg.Convert(source, _temp.File("tagged.mp3"), "-c", "copy", "-metadata", "title=Crossing Guard",
            "-metadata", "artist=The Wardens", "-metadata", "album=Roads", "-metadata", "TBPM=124");

        var tags = HeaderProbe.Probe(tagged).Tags;

        Assert.Equal(("Crossing Guard", "The Wardens", "Roads", "124"), (tags.Title, tags.Artist, tags.Album, tags.Bpm));
    }
}
