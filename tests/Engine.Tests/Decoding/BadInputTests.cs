using System.Buffers.Binary;
using AudioPlatform.Engine.Decoding;
using AudioPlatform.Engine.Tests.Support;

namespace AudioPlatform.Engine.Tests.Decoding;

/// <summary>Broken input gets a typed reason and a readable message, never a hang or a crash.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Wav(string name, double seconds = 4)
    {
        var path = _temp.File(name);
        WavWriter.Write(path, Signals.Sine(440, seconds, 44100, 2, -12), 44100, 2);
        return path;
    }

    private static async Task<AudioDecodeException> Fails(string path, bool ffmpeg = true) =>
        await Assert.ThrowsAsync<AudioDecodeException>(() => DecodeHelpers.DecodeAllAsync(path, new DecodeOptions { UseFfmpeg = ffmpeg }));

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_zero_byte_file_is_refused_as_empty(bool ffmpeg)
    {
        var path = _temp.File("empty.mp3");
        await File.WriteAllBytesAsync(path, []);

        var e = await Fails(path, ffmpeg);

        Assert.Equal(AudioDecodeError.EmptyFile, e.Reason);
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public async Task A_missing_file_is_reported_as_not_found()
    {
        var e = await Fails(_temp.File("nowhere.wav"));

        Assert.Equal(AudioDecodeError.FileNotFound, e.Reason);
    }

    [SkippableFact]
    public async Task Random_bytes_with_an_mp3_extension_are_refused_as_corrupt()
    {
        Skip.IfNot(Ffmpeg.Available, Ffmpeg.MissingReason);
        var path = _temp.File("noise.mp3");
        var bytes = new byte[200_000];
        new Random(3).NextBytes(bytes);
        await File.WriteAllBytesAsync(path, bytes);

        var e = await Fails(path);

        Assert.True(e.Reason is AudioDecodeError.CorruptData or AudioDecodeError.NotAudio, $"reason was {e.Reason}");
    }

    [Fact]
    public async Task Random_bytes_are_refused_by_the_managed_decoders_too()
    {
        var path = _temp.File("noise.wav");
        var bytes = new byte[50_000];
        new Random(4).NextBytes(bytes);
        await File.WriteAllBytesAsync(path, bytes);

        var e = await Fails(path, ffmpeg: false);

        Assert.Equal(AudioDecodeError.NotAudio, e.Reason);
    }

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_text_file_is_refused_as_not_audio(bool ffmpeg)
    {
        Skip.If(ffmpeg && !Ffmpeg.Available, Ffmpeg.MissingReason);
        var path = _temp.File("notes.wav");
        await File.WriteAllTextAsync(path, "These are meeting notes, not a song.\n" + new string('x', 5000));

        var e = await Fails(path, ffmpeg);

        Assert.Equal(AudioDecodeError.NotAudio, e.Reason);
    }

    [SkippableFact]
    public async Task A_png_renamed_to_mp3_is_refused_as_not_audio()
    {
        Skip.IfNot(Ffmpeg.Available, Ffmpeg.MissingReason);
        var path = _temp.File("cover.mp3");
        await File.WriteAllBytesAsync(path, Engine.Display.PngEncoder.EncodeRgb(4, 4, new byte[48]));

        var e = await Fails(path);

        Assert.True(e.Reason is AudioDecodeError.NotAudio or AudioDecodeError.CorruptData, $"reason was {e.Reason}");
    }

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_wav_cut_off_in_the_middle_is_refused_as_truncated(bool ffmpeg)
    {
        var full = await File.ReadAllBytesAsync(Wav("full.wav"));
        var path = _temp.File("cut.wav");
        await File.WriteAllBytesAsync(path, full[..(full.Length / 3)]);

        var e = await Fails(path, ffmpeg);

        Assert.Equal(AudioDecodeError.Truncated, e.Reason);
        Assert.Contains("cut off", e.Message);
    }

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_wav_header_claiming_more_data_than_the_file_holds_is_refused(bool ffmpeg)
    {
        var path = Wav("liar.wav");
        var bytes = await File.ReadAllBytesAsync(path);
        var dataSize = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(40));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(40), dataSize * 4);
        await File.WriteAllBytesAsync(path, bytes);

        var e = await Fails(path, ffmpeg);

        Assert.Equal(AudioDecodeError.HeaderLengthMismatch, e.Reason);
    }

    [Fact]
    public async Task A_wav_header_claiming_far_less_data_than_follows_is_refused()
    {
        var path = Wav("short-liar.wav");
        var bytes = await File.ReadAllBytesAsync(path);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(40), 1000);
        await File.WriteAllBytesAsync(path, bytes);

        var e = await Fails(path);

        Assert.Equal(AudioDecodeError.HeaderLengthMismatch, e.Reason);
    }

    [SkippableFact]
    public async Task A_wav_written_while_streaming_with_a_placeholder_length_is_accepted()
    {
        Skip.IfNot(Ffmpeg.Available, Ffmpeg.MissingReason);
        var path = Wav("streamed.wav", seconds: 2);
        var bytes = await File.ReadAllBytesAsync(path);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), 0xFFFFFFFF);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(40), 0xFFFFFFFF);
        await File.WriteAllBytesAsync(path, bytes);

        var decoded = await DecodeHelpers.DecodeAllAsync(path);

        Assert.InRange(decoded.Seconds, 1.99, 2.01);
    }

    [SkippableTheory]
    [InlineData("cut.flac", "flac")]
    [InlineData("cut.mp3", "libmp3lame")]
    public async Task A_compressed_file_cut_off_in_the_middle_is_refused_as_truncated(string name, string codec)
    {
        Skip.IfNot(Ffmpeg.Available, Ffmpeg.MissingReason);
        var whole = Ffmpeg.Convert(Wav("src.wav", seconds: 10), _temp.File("whole-" + name), "-c:a", codec);
        var bytes = await File.ReadAllBytesAsync(whole);
        var path = _temp.File(name);
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 3)]);

        var e = await Fails(path);

        Assert.True(e.Reason is AudioDecodeError.Truncated or AudioDecodeError.CorruptData, $"reason was {e.Reason}");
        Assert.Contains("cut off", e.Message);
    }

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_decode_over_its_time_limit_is_stopped_with_a_timeout(bool ffmpeg)
    {
        Skip.If(ffmpeg && !Ffmpeg.Available, Ffmpeg.MissingReason);
        var path = Wav("slow.wav", seconds: 20);

        var e = await Assert.ThrowsAsync<AudioDecodeException>(() =>
            DecodeHelpers.DecodeAllAsync(path, new DecodeOptions { Timeout = TimeSpan.FromMilliseconds(1), UseFfmpeg = ffmpeg }));

        Assert.Equal(AudioDecodeError.Timeout, e.Reason);
    }

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Audio_longer_than_the_limit_is_refused_as_too_long(bool ffmpeg)
    {
        Skip.If(ffmpeg && !Ffmpeg.Available, Ffmpeg.MissingReason);
        var path = Wav("long.wav", seconds: 3);

        var e = await Assert.ThrowsAsync<AudioDecodeException>(() =>
            DecodeHelpers.DecodeAllAsync(path, new DecodeOptions { MaxDurationSeconds = 1, UseFfmpeg = ffmpeg }));

        Assert.Equal(AudioDecodeError.TooLong, e.Reason);
    }
}
