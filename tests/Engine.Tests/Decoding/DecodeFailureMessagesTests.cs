using AudioPlatform.Engine.Decoding;
using AudioPlatform.Engine.Tests.Support;

namespace AudioPlatform.Engine.Tests.Decoding;

/// <summary>What a user is told when a file cannot be decoded: a reason in words, never the machinery behind it.</summary>
public sealed class DecodeFailureMessagesTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Words that belong in a log, not in front of a user: paths, processes, exit codes, the decoder's own voice.</summary>
    public static readonly string[] InternalWords = ["/", "\\", "tmp", "exit", "ffmpeg", "ffprobe", "decoder said", "audioplatform-"];

    public static TheoryData<AudioDecodeError> Reasons => [.. Enum.GetValues<AudioDecodeError>()];

    [Theory]
    [MemberData(nameof(Reasons))]
    public void Every_reason_has_words_for_a_user_without_paths_processes_or_exit_codes(AudioDecodeError reason)
    {
        var message = DecodeFailureMessages.ForUser(reason);

        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.EndsWith(".", message);
        foreach (var word in InternalWords)
        {
            Assert.DoesNotContain(word, message, StringComparison.OrdinalIgnoreCase);
        }
    }

    private string ZeroSampleWav()
    {
        var path = _temp.File("silence-of-nothing.wav");
        WavWriter.Write(path, [], 44100, 2);
        return path;
    }

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_wav_with_a_header_and_zero_samples_is_empty_not_damaged(bool ffmpeg)
    {
        Skip.If(ffmpeg && !Ffmpeg.Available, Ffmpeg.MissingReason);

        var e = await Assert.ThrowsAsync<AudioDecodeException>(() =>
            DecodeHelpers.DecodeAllAsync(ZeroSampleWav(), new DecodeOptions { UseFfmpeg = ffmpeg }));

        Assert.Equal(AudioDecodeError.EmptyFile, e.Reason);
        Assert.Contains("empty", e.ForUser());
    }

    [SkippableFact]
    public async Task Probing_a_wav_with_zero_samples_says_it_is_empty()
    {
        Skip.IfNot(Ffmpeg.Available, Ffmpeg.MissingReason);

        var e = await Assert.ThrowsAsync<AudioDecodeException>(() => AudioProbe.ProbeAsync(ZeroSampleWav()));

        Assert.Equal(AudioDecodeError.EmptyFile, e.Reason);
    }

    [SkippableFact]
    public async Task Probing_a_wav_cut_off_in_its_data_says_it_ends_before_its_audio_does()
    {
        Skip.IfNot(Ffmpeg.Available, Ffmpeg.MissingReason);
        var whole = _temp.File("whole.wav");
        WavWriter.Write(whole, Signals.Sine(440, 3, 44100, 2, -12), 44100, 2);
        var bytes = await File.ReadAllBytesAsync(whole);
        var cut = _temp.File("cut.wav");
        await File.WriteAllBytesAsync(cut, bytes[..(bytes.Length / 3)]);

        var e = await Assert.ThrowsAsync<AudioDecodeException>(() => AudioProbe.ProbeAsync(cut));

        Assert.Equal(AudioDecodeError.Truncated, e.Reason);
        Assert.Contains("ends before its audio does", e.ForUser());
    }
}
