using System.Buffers;
using System.Diagnostics;
using AudioPlatform.Engine.Decoding;
using AudioPlatform.Engine.Descriptors;
using AudioPlatform.Engine.Display;
using AudioPlatform.Engine.Dsp;
using AudioPlatform.Engine.Framing;
using AudioPlatform.Engine.Loudness;
using AudioPlatform.Engine.Spectral;
using AudioPlatform.Engine.Tonal;

namespace AudioPlatform.Engine;

/// <summary>
/// Analyses one track in a single streaming pass: the decoder yields native-rate channels in chunks; loudness is
/// measured on those, while a mono downmix resampled to <see cref="FrameSettings.SampleRate"/> feeds the shared STFT
/// and every frame consumer. No whole-track buffer of samples is ever held. Thread-safe: one instance can run
/// several analyses at once.
/// </summary>
public sealed class AudioAnalyzer(AnalyzerOptions? options = null)
{
    private const int ChunkFrames = 16384;
    private const double DecodeShare = 80;
    private readonly AnalyzerOptions _options = options ?? AnalyzerOptions.Default;

    /// <exception cref="AudioDecodeException">The file cannot be decoded; <see cref="AudioDecodeException.Reason"/> says why.</exception>
    public Task<AudioAnalysis> AnalyzeAsync(string path, IProgress<AnalysisProgress>? progress = null, CancellationToken ct = default) =>
        Task.Run(() => AnalyzeCoreAsync(path, Path.GetFileName(path), progress, null, ct), ct);

    /// <summary>
    /// Analyses <paramref name="path"/> and hands <paramref name="signal"/> the mono analysis signal (at
    /// <see cref="FrameSettings.SampleRate"/>) as it goes, so that work needing the decoded audio (a fingerprint) does not
    /// decode the file again.
    /// </summary>
    /// <exception cref="AudioDecodeException">The file cannot be decoded; <see cref="AudioDecodeException.Reason"/> says why.</exception>
    public Task<AudioAnalysis> AnalyzeAsync(string path, ISampleConsumer signal, IProgress<AnalysisProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(signal);
        return Task.Run(() => AnalyzeCoreAsync(path, Path.GetFileName(path), progress, signal, ct), ct);
    }

    /// <summary>
    /// Analyses a stream. A <see cref="FileStream"/> is read from its path; any other stream is first copied to a
    /// temporary file (deleted afterwards), because containers such as MP4 need seeking.
    /// </summary>
    public async Task<AudioAnalysis> AnalyzeAsync(Stream stream, string? name = null, IProgress<AnalysisProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream is FileStream { CanSeek: true } fs && File.Exists(fs.Name))
            return await Task.Run(() => AnalyzeCoreAsync(fs.Name, name ?? Path.GetFileName(fs.Name), progress, null, ct), ct).ConfigureAwait(false);

        var extension = Path.GetExtension(name ?? string.Empty);
        var temp = Path.Combine(Path.GetTempPath(), $"audioplatform-{Guid.NewGuid():N}{extension}");
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
                await stream.CopyToAsync(file, ct).ConfigureAwait(false);
            return await Task.Run(() => AnalyzeCoreAsync(temp, name ?? "stream", progress, null, ct), ct).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private async Task<AudioAnalysis> AnalyzeCoreAsync(string path, string name, IProgress<AnalysisProgress>? progress, ISampleConsumer? signal, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var reporter = new ProgressReporter(progress);
        reporter.Report(AnalysisStage.Decoding, 0);

        using var input = await AudioDecoder.OpenAsync(path, _options.Decode, ct).ConfigureAwait(false);
        var loudness = new LoudnessMeter(input.SampleRate, input.Channels);
        var resampler = new PolyphaseResampler(input.SampleRate, FrameSettings.SampleRate);
        var pipeline = new StftPipeline();
        var spectral = new SpectralShapeFeatures();
        var mfcc = new MfccFeatures();
        var bands = new BandEnergyFeatures();
        var waveform = new WaveformPeaksBuilder(_options.WaveformPoints);
        var spectrogram = _options.IncludeSpectrogram ? new SpectrogramBuilder(_options.SpectrogramWidth, _options.SpectrogramHeight) : null;
        var rhythmTonal = new RhythmTonalStage(_options.Key, _options.TempoModel);
        pipeline.Add(spectral);
        pipeline.Add(mfcc);
        pipeline.Add(bands);
        pipeline.Add(waveform);
        if (spectrogram is not null)
            pipeline.Add(spectrogram);
        rhythmTonal.Register(pipeline);
        if (signal is not null)
            pipeline.Add(signal);

        var channels = input.Channels;
        var interleaved = ArrayPool<float>.Shared.Rent(ChunkFrames * channels);
        var mono = ArrayPool<float>.Shared.Rent(ChunkFrames);
        long decodeTicks = 0, loudnessTicks = 0, resampleTicks = 0, frameTicks = 0;
        var declared = input.Probe.DurationSeconds is > 0 ? input.Probe.DurationSeconds.Value : 0;
        try
        {
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                var t0 = Stopwatch.GetTimestamp();
                var n = input.Read(interleaved.AsSpan(0, ChunkFrames * channels));
                var t1 = Stopwatch.GetTimestamp();
                decodeTicks += t1 - t0;
                if (n == 0)
                    break;
                var chunk = interleaved.AsSpan(0, n);
                loudness.Process(chunk);
                var t2 = Stopwatch.GetTimestamp();
                var frames = n / channels;
                Downmix(chunk, channels, mono.AsSpan(0, frames));
                var resampled = resampler.Process(mono.AsSpan(0, frames));
                var t3 = Stopwatch.GetTimestamp();
                pipeline.Push(resampled);
                var t4 = Stopwatch.GetTimestamp();
                loudnessTicks += t2 - t1;
                resampleTicks += t3 - t2;
                frameTicks += t4 - t3;
                if (declared > 0)
                    reporter.Report(AnalysisStage.Decoding, DecodeShare * Math.Min(1, input.DecodedSeconds / declared));
            }
            var tf = Stopwatch.GetTimestamp();
            pipeline.Push(resampler.Flush());
            pipeline.Complete();
            frameTicks += Stopwatch.GetTimestamp() - tf;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(interleaved);
            ArrayPool<float>.Shared.Return(mono);
        }

        reporter.Report(AnalysisStage.Features, DecodeShare);
        var td = Stopwatch.GetTimestamp();
        var level = loudness.GetResult();
        var waveformPeaks = waveform.Build();
        var png = spectrogram?.BuildPng() ?? [];
        var displayTicks = Stopwatch.GetTimestamp() - td;

        ct.ThrowIfCancellationRequested();
        reporter.Report(AnalysisStage.Rhythm, 88);
        var tr = Stopwatch.GetTimestamp();
        var rhythm = rhythmTonal.AnalyzeRhythm();
        var pattern = rhythmTonal.AnalyzePattern(rhythm);
        var rhythmTicks = Stopwatch.GetTimestamp() - tr;

        ct.ThrowIfCancellationRequested();
        reporter.Report(AnalysisStage.Tonal, 95);
        var tt = Stopwatch.GetTimestamp();
        var keyDecision = rhythmTonal.AnalyzeKey(spectral.Flatness.Mean);
        var key = keyDecision.Estimate;
        var chromaMean = rhythmTonal.ChromaMean();
        var chromaStd = rhythmTonal.ChromaStd();
        var tonalTicks = Stopwatch.GetTimestamp() - tt;

        var lufs = Math.Max(-70, level.IntegratedLufs);
        var centroid = spectral.CentroidHz;
        var energy = PerceptualDescriptors.Energy(lufs, rhythm.OnsetRate, centroid.Mean);
        var major = key?.Key.Mode == KeyMode.Major;
        var analysis = new AudioAnalysis
        {
            Source = name,
            Probe = input.Probe,
            Decoder = input.Decoder,
            DurationSeconds = input.DecodedSeconds,
            TempoBpm = rhythm.Tempo.Bpm,
            TempoConfidence = rhythm.Tempo.Confidence,
            TempoAlternativeBpm = rhythm.Tempo.AlternativeBpm,
            TempoAlternativeConfidence = rhythm.Tempo.AlternativeConfidence,
            TempoAmbiguous = rhythm.Tempo.Ambiguous,
            TempoMissingReason = rhythm.Tempo.MissingReason,
            PulseClarity = rhythm.Tempo.PulseClarity,
            TempoCandidates = rhythm.TempoCandidates,
            BeatTimes = rhythm.BeatTimes,
            TimeSignature = rhythm.TimeSignature.ToString(),
            TimeSignatureConfidence = rhythm.TimeSignature.Confidence,
            OnsetRate = rhythm.OnsetRate,
            Key = key?.Name,
            KeyMode = key is null ? null : major ? "major" : "minor",
            KeyConfidence = key?.Confidence ?? 0,
            KeyRunnerUp = key?.RunnerUp.Name,
            KeyRunnerUpConfidence = key?.RunnerUpConfidence ?? 0,
            Camelot = key?.Camelot,
            KeyMissingReason = keyDecision.MissingReason,
            KeyPitchProfile = rhythmTonal.KeyProfile(),
            KeyBassProfile = rhythmTonal.KeyBassProfile(),
            LoudnessLufs = lufs,
            LoudnessRangeLu = level.LoudnessRangeLu,
            TruePeakDbtp = Floor(level.TruePeakDbtp),
            SamplePeakDbfs = Floor(level.SamplePeakDbfs),
            RmsDbfs = Floor(level.RmsDbfs),
            Energy = energy,
            Danceability = PerceptualDescriptors.Danceability(rhythm.Tempo.Bpm ?? 0, rhythm.Tempo.PulseClarity, rhythm.BeatTimes),
            Valence = PerceptualDescriptors.Valence(major, key?.Confidence ?? 0, rhythm.Tempo.Bpm ?? 0, centroid.Mean, energy),
            SpectralCentroidHz = centroid.Mean,
            SpectralCentroidStdHz = centroid.Std,
            SpectralRolloffHz = spectral.RolloffHz.Mean,
            SpectralRolloffStdHz = spectral.RolloffHz.Std,
            SpectralFlatness = spectral.Flatness.Mean,
            SpectralFlatnessStd = spectral.Flatness.Std,
            ZeroCrossingRate = spectral.ZeroCrossingRate.Mean,
            ZeroCrossingRateStd = spectral.ZeroCrossingRate.Std,
            MfccMean = mfcc.Mean(),
            MfccStd = mfcc.Std(),
            ChromaMean = chromaMean,
            ChromaStd = chromaStd,
            BandShareMeanDb = bands.ShareMean(),
            BandShareStdDb = bands.ShareStd(),
            BandContrastDb = bands.Contrast(),
            RhythmPattern = pattern,
            Waveform = waveformPeaks,
            SpectrogramPng = png,
            FeatureVector = [],
            Timings = null!,
        };

        var keyIndex = key is null ? -1 : key.Key.Tonic + (major ? 0 : 12);
        var meter = rhythm.TimeSignature;
        analysis = analysis with
        {
            FeatureVector = FeatureVector.Build(analysis, keyIndex, meter.Numerator, meter.Denominator == 8),
            Timings = new StageTimings(
                Seconds(decodeTicks), Seconds(loudnessTicks), Seconds(resampleTicks), Seconds(frameTicks),
                Seconds(rhythmTicks), Seconds(tonalTicks), Seconds(displayTicks), Seconds(Stopwatch.GetTimestamp() - started)),
        };
        reporter.Report(AnalysisStage.Done, 100);
        return analysis;
    }

    private static void Downmix(ReadOnlySpan<float> interleaved, int channels, Span<float> mono)
    {
        switch (channels)
        {
            case 1:
                interleaved[..mono.Length].CopyTo(mono);
                break;
            case 2:
                for (var i = 0; i < mono.Length; i++)
                    mono[i] = 0.5f * (interleaved[2 * i] + interleaved[2 * i + 1]);
                break;
            default:
                var scale = 1f / channels;
                for (var i = 0; i < mono.Length; i++)
                {
                    float sum = 0;
                    var frame = interleaved.Slice(i * channels, channels);
                    for (var c = 0; c < channels; c++)
                        sum += frame[c];
                    mono[i] = sum * scale;
                }
                break;
        }
    }

    private static double Floor(double db) => Math.Max(-120, db);
    private static double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;

    private sealed class ProgressReporter(IProgress<AnalysisProgress>? progress)
    {
        private double _last = -1;

        public void Report(AnalysisStage stage, double percent)
        {
            if (progress is null || (percent < _last + 1 && stage == AnalysisStage.Decoding && _last >= 0))
                return;
            _last = Math.Max(_last, percent);
            progress.Report(new AnalysisProgress(stage, _last));
        }
    }
}
