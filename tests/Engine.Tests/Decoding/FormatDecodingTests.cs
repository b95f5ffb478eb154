using AudioPlatform.Engine.Decoding;
using AudioPlatform.Engine.Tests.Support;

namespace AudioPlatform.Engine.Tests.Decoding;

/// <summary>Every upload format, made at test time with ffmpeg from a WAV written in C#: a 440 Hz sine at -12 dBFS, 3 s stereo.</summary>
public sealed class FormatDecodingTests : IDisposable
{
    private const double ExpectedRmsDb = -12 - 3.0103;
    private readonly TempFolder _temp = new();
    private readonly string _source;

    public FormatDecodingTests()
    {
        _source = _temp.File("source.wav");
        WavWriter.Write(_source, Signals.Sine(440, 3, 44100, 2, -12), 44100, 2, WavSampleFormat.Float32);
    }

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string, string[], string, double> Formats => new()
    {
        { "pcm16.wav", ["-c:a", "pcm_s16le"], "pcm_s16le", 0.001 },
        { "pcm24.wav", ["-c:a", "pcm_s24le"], "pcm_s24le", 0.001 },
        { "pcm32.wav", ["-c:a", "pcm_s32le"], "pcm_s32le", 0.001 },
        { "float.wav", ["-c:a", "pcm_f32le"], "pcm_f32le", 0.001 },
        { "rf64.wav", ["-c:a", "pcm_s16le", "-rf64", "always"], "pcm_s16le", 0.001 },
        { "lossless.flac", ["-c:a", "flac"], "flac", 0.001 },
        { "plain.aiff", ["-c:a", "pcm_s16be"], "pcm_s16be", 0.001 },
        { "compressed.aifc", ["-c:a", "pcm_s16le", "-f", "aiff"], "pcm_s16le", 0.001 },
        { "lossy.mp3", ["-c:a", "libmp3lame", "-b:a", "192k"], "mp3", 0.03 },
        { "vorbis.ogg", ["-c:a", "libvorbis", "-q:a", "5"], "vorbis", 0.03 },
        { "speech.opus", ["-c:a", "libopus", "-b:a", "128k"], "opus", 0.03 },
    };

    [SkippableTheory]
    [MemberData(nameof(Formats))]
    public async Task Every_format_decodes_to_the_original_length_rate_channels_and_level(string name, string[] codecArgs, string codec, double durationTolerance)
    {
        Skip.IfNot(Ffmpeg.Available, Ffmpeg.MissingReason);
        var file = Ffmpeg.Convert(_source, _temp.File(name), codecArgs);

        var decoded = await DecodeHelpers.DecodeAllAsync(file);

        Assert.Equal(codec, decoded.Probe.Codec);
        Assert.Equal("ffmpeg", decoded.Decoder);
        Assert.Equal(2, decoded.Channels);
        Assert.Equal(codec == "opus" ? 48000 : 44100, decoded.SampleRate);
        Assert.InRange(decoded.Seconds, 3 - durationTolerance, 3 + durationTolerance);
        var levelTolerance = durationTolerance > 0.01 ? 0.4 : 0.05; // lossy codecs shift the level a little
        Assert.InRange(decoded.Channel0RmsDb(), ExpectedRmsDb - levelTolerance, ExpectedRmsDb + levelTolerance);
    }

    [SkippableFact]
    public async Task Tags_are_read_by_the_probe()
    {
        Skip.IfNot(Ffmpeg.Available, Ffmpeg.MissingReason);
        var file = Ffmpeg.Convert(_source, _temp.File("tagged.mp3"), "-c:a", "libmp3lame",
            "-metadata", "title=Night Drive", "-metadata", "artist=The Testers", "-metadata", "album=Fixtures",
            "-metadata", "TBPM=124", "-metadata", "TKEY=Am");

        var probe = await AudioProbe.ProbeAsync(file);

        Assert.Equal(new AudioTags("Night Drive", "The Testers", "Fixtures", null, "124", "Am"), probe.Tags);
        Assert.Equal(44100, probe.SampleRate);
        Assert.Equal(2, probe.Channels);
        Assert.NotNull(probe.BitRate);
    }

    public static TheoryData<string, string[], string> ManagedFormats => new()
    {
        { "m16.wav", ["-c:a", "pcm_s16le"], "naudio-wav" },
        { "m24.wav", ["-c:a", "pcm_s24le"], "naudio-wav" },
        { "mfloat.wav", ["-c:a", "pcm_f32le"], "naudio-wav" },
        { "m.aiff", ["-c:a", "pcm_s16be"], "naudio-aiff" },
        { "m.mp3", ["-c:a", "libmp3lame", "-b:a", "192k"], "nlayer" },
        { "m.ogg", ["-c:a", "libvorbis"], "nvorbis" },
    };

    [SkippableTheory]
    [MemberData(nameof(ManagedFormats))]
    public async Task Managed_decoders_read_the_formats_they_support_without_ffmpeg(string name, string[] codecArgs, string decoder)
    {
        Skip.IfNot(Ffmpeg.Available, Ffmpeg.MissingReason + " (needed to make the test files)");
        var file = Ffmpeg.Convert(_source, _temp.File(name), codecArgs);

        var decoded = await DecodeHelpers.DecodeAllAsync(file, new DecodeOptions { UseFfmpeg = false });

        Assert.Equal(decoder, decoded.Decoder);
        Assert.Equal(2, decoded.Channels);
        Assert.Equal(44100, decoded.SampleRate);
        // NLayer does not trim the encoder delay: MP3 comes out up to ~0.15 s long.
        Assert.InRange(decoded.Seconds, 2.99, decoder == "nlayer" ? 3.2 : 3.01);
        Assert.InRange(decoded.Channel0RmsDb(), ExpectedRmsDb - 0.4, ExpectedRmsDb + 0.4);
    }

    [Fact]
    public async Task Managed_decoding_of_a_csharp_wav_needs_no_external_tool()
    {
        var file = _temp.File("plain.wav");
        WavWriter.Write(file, Signals.Sine(1000, 1, 22050, 1, -6), 22050, 1);

        var decoded = await DecodeHelpers.DecodeAllAsync(file, new DecodeOptions { UseFfmpeg = false });

        Assert.Equal(22050, decoded.Samples.Length);
        Assert.InRange(decoded.Channel0RmsDb(), -9.1, -8.9);
    }

    [SkippableFact]
    public async Task Flac_without_ffmpeg_is_refused_as_unsupported()
    {
        Skip.IfNot(Ffmpeg.Available, Ffmpeg.MissingReason + " (needed to make the FLAC file)");
        var file = Ffmpeg.Convert(_source, _temp.File("no-ffmpeg.flac"), "-c:a", "flac");

        var e = await Assert.ThrowsAsync<AudioDecodeException>(() => DecodeHelpers.DecodeAllAsync(file, new DecodeOptions { UseFfmpeg = false }));

        Assert.Equal(AudioDecodeError.UnsupportedFormat, e.Reason);
    }
}
