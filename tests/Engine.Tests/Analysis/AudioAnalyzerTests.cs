using AudioPlatform.Engine.Rhythm;
using AudioPlatform.Engine.Tonal;
using AudioPlatform.Engine.Decoding;
using AudioPlatform.Engine.Tests.Display;
using AudioPlatform.Engine.Tests.Support;

namespace AudioPlatform.Engine.Tests.Analysis;

public sealed class AudioAnalyzerTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string MusicWav(double seconds = 20, double bpm = 120)
    {
        var path = _temp.File($"music-{bpm}.wav");
        WavWriter.Write(path, Signals.MusicLike(seconds, 44100, bpm), 44100, 2);
        return path;
    }

    private sealed class Collect : IProgress<AnalysisProgress>
    {
        public List<AnalysisProgress> Reports { get; } = [];
        public void Report(AnalysisProgress value)
        {
            lock (Reports)
                Reports.Add(value);
        }
    }

    [Fact]
    public async Task A_track_gets_every_feature_with_sane_values()
    {
        var analysis = await new AudioAnalyzer().AnalyzeAsync(MusicWav());

        Assert.Equal(20, analysis.DurationSeconds, 3);
        Assert.InRange(analysis.TempoBpm!.Value, 40, 240);
        Assert.InRange(analysis.TempoConfidence, 0, 1);
        Assert.NotEmpty(analysis.BeatTimes);
        Assert.Matches(@"^\d/\d$", analysis.TimeSignature);
        Assert.Matches(@"^[A-G][#b]? (major|minor)$", analysis.Key);
        Assert.Matches(@"^\d{1,2}[AB]$", analysis.Camelot);
        Assert.InRange(analysis.LoudnessLufs, -40, 0);
        Assert.InRange(analysis.LoudnessRangeLu, 1, 20);   // the quieter middle third
        Assert.True(analysis.TruePeakDbtp >= analysis.SamplePeakDbfs - 0.01);
        Assert.True(analysis.RmsDbfs < analysis.SamplePeakDbfs);
        foreach (var v in new[] { analysis.Energy, analysis.Danceability, analysis.Valence })
            Assert.InRange(v, 0, 1);
        Assert.InRange(analysis.SpectralCentroidHz, 50, 11025);
        Assert.InRange(analysis.ZeroCrossingRate, 0, 1);
        Assert.Equal(13, analysis.MfccMean.Count);
        Assert.Equal(12, analysis.ChromaMean.Count);
        Assert.True(analysis.OnsetRate > 0);
        Assert.Equal(2000, analysis.Waveform.Max.Length);
        Assert.Equal((1024, 256), (DisplayTests.ReadPng(analysis.SpectrogramPng).Width, DisplayTests.ReadPng(analysis.SpectrogramPng).Height));
        Assert.Equal(FeatureVector.Length, analysis.FeatureVector.Length);
        Assert.All(analysis.FeatureVector, v => Assert.True(float.IsFinite(v)));
    }

    [SkippableFact]
    public async Task Loudness_is_measured_on_the_original_stereo_channels_and_matches_ffmpeg()
    {
        Skip.IfNot(Ffmpeg.Available, Ffmpeg.MissingReason);
        var wav = MusicWav(30);
        var mp3 = Ffmpeg.Convert(wav, _temp.File("music.mp3"), "-c:a", "libmp3lame", "-b:a", "192k");
        var report = Ffmpeg.Run("-nostats", "-i", mp3, "-af", "ebur128", "-f", "null", "-");
        var summary = report[report.LastIndexOf("Summary:", StringComparison.Ordinal)..];
        var reference = double.Parse(System.Text.RegularExpressions.Regex.Match(summary, @"I:\s+(-?[\d.]+)").Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture);

        var analysis = await new AudioAnalyzer().AnalyzeAsync(mp3);

        Assert.InRange(analysis.LoudnessLufs - reference, -0.2, 0.2);
    }

    [Fact]
    public async Task Without_ffmpeg_the_managed_decoder_gives_the_same_loudness_and_features()
    {
        var path = MusicWav(15);

        var managed = await new AudioAnalyzer(new AnalyzerOptions { Decode = new() { UseFfmpeg = false } }).AnalyzeAsync(path);
        var reference = await new AudioAnalyzer().AnalyzeAsync(path);

        Assert.Equal("naudio-wav", managed.Decoder);
        Assert.Equal(reference.LoudnessLufs, managed.LoudnessLufs, 2);
        Assert.Equal(reference.SpectralCentroidHz, managed.SpectralCentroidHz, 0);
        Assert.Equal(reference.DurationSeconds, managed.DurationSeconds, 3);
    }

    [Fact]
    public async Task Digital_silence_has_no_key_no_tempo_and_floor_levels()
    {
        var path = _temp.File("silence.wav");
        WavWriter.Write(path, new float[5 * 44100 * 2], 44100, 2);

        var analysis = await new AudioAnalyzer().AnalyzeAsync(path);

        Assert.Null(analysis.Key);
        Assert.Null(analysis.Camelot);
        Assert.Equal(KeyEstimator.SilentReason, analysis.KeyMissingReason);
        Assert.Null(analysis.TempoBpm);
        Assert.Equal(TempoEstimator.NoOnsetsReason, analysis.TempoMissingReason);
        Assert.Equal(-70, analysis.LoudnessLufs);
        Assert.Equal(-120, analysis.TruePeakDbtp);
        Assert.Equal(0, analysis.Energy);
        Assert.All(analysis.FeatureVector, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public async Task Progress_goes_through_the_stages_in_order_and_ends_at_100()
    {
        var progress = new Collect();

        await new AudioAnalyzer().AnalyzeAsync(MusicWav(), progress);
        await Task.Delay(50); // Progress<T> implementations may post; ours is synchronous but be tolerant

        var reports = progress.Reports;
        Assert.Equal(AnalysisStage.Decoding, reports[0].Stage);
        Assert.Equal(new AnalysisProgress(AnalysisStage.Done, 100), reports[^1]);
        Assert.Equal(reports.Select(r => r.Stage).Order(), reports.Select(r => r.Stage));
        Assert.Equal(reports.Select(r => r.Percent).Order(), reports.Select(r => r.Percent));
        Assert.Contains(reports, r => r.Stage == AnalysisStage.Rhythm);
        Assert.Contains(reports, r => r.Stage == AnalysisStage.Tonal);
    }

    [Fact]
    public async Task A_stream_gives_the_same_analysis_as_the_file()
    {
        var path = MusicWav(10);
        var analyzer = new AudioAnalyzer();
        var fromFile = await analyzer.AnalyzeAsync(path);

        using var memory = new MemoryStream(await File.ReadAllBytesAsync(path));
        var fromStream = await analyzer.AnalyzeAsync(memory, "upload.wav");

        Assert.Equal("upload.wav", fromStream.Source);
        Assert.Equal(fromFile.FeatureVector, fromStream.FeatureVector);
    }

    [Fact]
    public async Task A_broken_stream_fails_with_the_typed_error()
    {
        using var memory = new MemoryStream("not audio at all, just words"u8.ToArray());

        var e = await Assert.ThrowsAsync<AudioDecodeException>(() => new AudioAnalyzer().AnalyzeAsync(memory, "words.mp3"));

        Assert.Equal(AudioDecodeError.NotAudio, e.Reason);
    }

    [Fact]
    public async Task Cancellation_stops_the_analysis()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new AudioAnalyzer().AnalyzeAsync(MusicWav(), ct: cts.Token));
    }

    [Fact]
    public async Task Louder_busier_brighter_music_has_more_energy()
    {
        var quiet = _temp.File("quiet.wav");
        WavWriter.Write(quiet, Signals.Sine(220, 10, 44100, 2, -30), 44100, 2);
        var busy = _temp.File("busy.wav");
        var noise = Signals.WhiteNoise(10, 44100, 2, 0.3);
        var music = Signals.MusicLike(10, 44100, 140);
        WavWriter.Write(busy, noise.Zip(music, (a, b) => a + b).ToArray(), 44100, 2);
        var analyzer = new AudioAnalyzer();

        var q = await analyzer.AnalyzeAsync(quiet);
        var b = await analyzer.AnalyzeAsync(busy);

        Assert.True(b.Energy > q.Energy + 0.3, $"busy {b.Energy}, quiet {q.Energy}");
    }

    [Fact]
    public void The_feature_vector_schema_names_every_position_once()
    {
        Assert.Equal(FeatureVector.Names.Count, FeatureVector.Names.Distinct().Count());
        Assert.Equal(2, FeatureVector.SchemaVersion);
    }
}
