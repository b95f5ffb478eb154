using System.Globalization;
using System.Text.RegularExpressions;
using AudioPlatform.Engine.Loudness;
using AudioPlatform.Engine.Tests.Support;

namespace AudioPlatform.Engine.Tests.Loudness;

/// <summary>EBU Tech 3341 / 3342 test signals made in C#, and a cross-check against ffmpeg's ebur128 filter.</summary>
public sealed class LoudnessMeterTests
{
    private const int Rate = 48000;

    private static LoudnessResult Measure(float[] stereo, int rate = Rate, int channels = 2, int chunk = 4801)
    {
        var meter = new LoudnessMeter(rate, channels);
        for (var o = 0; o < stereo.Length; o += chunk * channels)
            meter.Process(stereo.AsSpan(o, Math.Min(chunk * channels, stereo.Length - o)));
        return meter.GetResult();
    }

    private static float[] Tone(double seconds, double dbfs, int rate = Rate) => Signals.Sine(1000, seconds, rate, 2, dbfs);

    [Theory]
    [InlineData(48000)]
    [InlineData(44100)]
    [InlineData(96000)]
    public void Tech3341_case1_stereo_1kHz_sine_at_minus23_dBFS_reads_minus23_LUFS(int rate)
    {
        var result = Measure(Tone(20, -23, rate), rate);

        Assert.InRange(result.IntegratedLufs, -23.1, -22.9);
    }

    [Fact]
    public void Tech3341_case2_stereo_1kHz_sine_at_minus33_dBFS_reads_minus33_LUFS()
    {
        Assert.InRange(Measure(Tone(20, -33)).IntegratedLufs, -33.1, -32.9);
    }

    [Fact]
    public void Tech3341_case3_relative_gate_ignores_the_quiet_ends()
    {
        var signal = Signals.Concat(Tone(10, -36), Tone(60, -23), Tone(10, -36));

        Assert.InRange(Measure(signal).IntegratedLufs, -23.1, -22.9);
    }

    [Fact]
    public void Tech3341_case4_both_gates_ignore_near_silence_and_quiet_parts()
    {
        var signal = Signals.Concat(Tone(10, -72), Tone(10, -36), Tone(60, -23), Tone(10, -36), Tone(10, -72));

        Assert.InRange(Measure(signal).IntegratedLufs, -23.1, -22.9);
    }

    [Fact]
    public void Digital_silence_between_tones_does_not_lower_the_integrated_loudness()
    {
        var signal = Signals.Concat(Tone(20, -23), new float[20 * Rate * 2], Tone(20, -23));

        Assert.InRange(Measure(signal).IntegratedLufs, -23.1, -22.9);
    }

    [Fact]
    public void Silence_has_no_integrated_loudness_and_no_range()
    {
        var result = Measure(new float[10 * Rate * 2]);

        Assert.Equal(double.NegativeInfinity, result.IntegratedLufs);
        Assert.Equal(0, result.LoudnessRangeLu);
    }

    [Theory]
    [InlineData(-20, -30, 10)]
    [InlineData(-20, -15, 5)]
    [InlineData(-40, -20, 20)]
    public void Tech3342_loudness_range_of_two_levels_is_their_difference(double first, double second, double expectedLra)
    {
        var result = Measure(Signals.Concat(Tone(20, first), Tone(20, second)));

        Assert.InRange(result.LoudnessRangeLu, expectedLra - 1, expectedLra + 1);
    }

    [Fact]
    public void Mono_input_counts_one_channel()
    {
        var result = Measure(Signals.Sine(1000, 20, Rate, 1, -23), channels: 1);

        Assert.InRange(result.IntegratedLufs, -26.1, -25.9);
    }

    [Fact]
    public void In_six_channel_audio_surrounds_weigh_1_5_dB_more_and_the_lfe_not_at_all()
    {
        float[] OnlyChannel(int channel)
        {
            var mono = Signals.Sine(1000, 10, Rate, 1, -20);
            var x = new float[mono.Length * 6];
            for (var i = 0; i < mono.Length; i++)
                x[i * 6 + channel] = mono[i];
            return x;
        }

        var front = Measure(OnlyChannel(0), channels: 6).IntegratedLufs;
        var surround = Measure(OnlyChannel(4), channels: 6).IntegratedLufs;
        var lfe = Measure(OnlyChannel(3), channels: 6).IntegratedLufs;

        Assert.Equal(10 * Math.Log10(1.41), surround - front, 2);
        Assert.Equal(double.NegativeInfinity, lfe);
    }

    [Fact]
    public void True_peak_finds_the_peak_between_samples()
    {
        // A quarter-rate sine sampled 45° off its crest: samples reach only 0.707 of the true peak (−3 dB).
        var signal = Signals.Sine(Rate / 4.0, 5, Rate, 2, -6, Math.PI / 4);

        var result = Measure(signal);

        Assert.InRange(result.SamplePeakDbfs, -9.2, -8.8);
        Assert.InRange(result.TruePeakDbtp, -6.3, -5.8);
    }

    [Fact]
    public void Rms_of_a_sine_is_3dB_below_its_peak()
    {
        Assert.InRange(Measure(Tone(5, -10)).RmsDbfs, -13.05, -12.97);
    }

    [Fact]
    public void Chunk_boundaries_do_not_change_the_result()
    {
        var signal = Signals.MusicLike(12, Rate);

        var a = Measure(signal, chunk: 1);
        var b = Measure(signal, chunk: 100_000);

        Assert.Equal(a.IntegratedLufs, b.IntegratedLufs, 6);
        Assert.Equal(a.TruePeakDbtp, b.TruePeakDbtp, 4);
    }

    [SkippableFact]
    public void Integrated_loudness_and_range_match_ffmpeg_ebur128_on_stereo_music_like_material()
    {
        Skip.IfNot(Ffmpeg.Available, Ffmpeg.MissingReason);
        using var temp = new TempFolder();
        var signal = Signals.MusicLike(30, 44100);
        var wav = temp.File("music.wav");
        WavWriter.Write(wav, signal, 44100, 2, WavSampleFormat.Float32);

        var ours = Measure(signal, 44100);
        var report = Ffmpeg.Run("-nostats", "-i", wav, "-af", "ebur128=peak=true", "-f", "null", "-");

        var summary = report[report.LastIndexOf("Summary:", StringComparison.Ordinal)..];
        double Value(string label) => double.Parse(Regex.Match(summary, label + @":\s+(-?[\d.]+)").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(ours.IntegratedLufs - Value("I"), -0.2, 0.2);
        Assert.InRange(ours.LoudnessRangeLu - Value("LRA"), -0.5, 0.5);
        Assert.InRange(ours.TruePeakDbtp - Value("Peak"), -0.3, 0.3);
    }
}
