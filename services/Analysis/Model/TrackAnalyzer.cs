using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using AudioPlatform.Classification;
using AudioPlatform.Similarity;
using AudioPlatform.Engine;
using AudioPlatform.Engine.Decoding;
using AudioPlatform.Engine.Fingerprinting;
using AudioPlatform.Contracts;
using AudioPlatform.ServiceDefaults;
using AudioPlatform.Storage;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AudioPlatform.Analysis.Model;

/// <summary>The track to analyse, as either triggering event describes it.</summary>
public sealed record AnalysisJob(Guid TrackId, string UserId, Guid CorrelationId, string ObjectKey, string Format);

/// <summary>
/// Runs the engine on one stored track and tells the others how it went: started, progress by
/// stage, then completed (with the derived blobs stored) or failed with a reason.
/// </summary>
public sealed class TrackAnalyzer(
    IObjectStorage storage,
    AudioAnalyzer engine,
    TrackAnnotator annotator,
    IOptions<AnalysisOptions> options,
    ILogger<TrackAnalyzer> logger)
{
    public static readonly string EngineVersion =
        $"{typeof(AudioAnalyzer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0"}" +
        $"/features-v{Engine.FeatureVector.SchemaVersion}";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // A feature of a silent or degenerate track can be NaN; the document must still serialise.
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public async Task AnalyzeAsync(AnalysisJob job, int attempt, IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        await publisher.Publish(new AnalysisStarted(job.TrackId, attempt) { UserId = job.UserId, CorrelationId = job.CorrelationId }, cancellationToken);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Value.Timeout);
        var temporaryFile = Path.Combine(Path.GetTempPath(), $"audioplatform-analysis-{job.TrackId:N}-{Guid.NewGuid():N}.{SafeExtension(job.Format)}");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            using (PipelineTelemetry.StartStage("fetch", job.TrackId))
            {
                await DownloadAsync(job.ObjectKey, temporaryFile, deadline.Token);
            }

            var progress = new ThrottledProgress(job, publisher, deadline.Token);
            var engineStarted = DateTimeOffset.UtcNow;
            // The fingerprint is taken from the signal the engine decodes anyway; fpcalc decodes the file again only where
            // libchromaprint cannot be loaded.
            using var fingerprinter = SignalFingerprinter.TryCreate();
            var analysis = fingerprinter is null
                ? await engine.AnalyzeAsync(temporaryFile, progress, deadline.Token)
                : await engine.AnalyzeAsync(temporaryFile, fingerprinter, progress, deadline.Token);
            RecordEngineStages(job.TrackId, engineStarted, analysis.Timings);
            await progress.DrainAsync();

            using (PipelineTelemetry.StartStage("store derived", job.TrackId))
            {
                await StoreDerivedAsync(job, analysis, deadline.Token);
            }

            AudioFingerprint? fingerprint;
            using (PipelineTelemetry.StartStage("fingerprint", job.TrackId))
            {
                fingerprint = fingerprinter is null
                    ? await FingerprintAsync(job.TrackId, temporaryFile, deadline.Token)
                    : FinishFingerprint(job.TrackId, fingerprinter);
            }

            Annotation annotation;
            using (PipelineTelemetry.StartStage("classify", job.TrackId))
            {
                annotation = Annotate(job.TrackId, analysis);
            }

            var document = ToDocument(analysis, annotation);
            await publisher.Publish(new AnalysisCompleted(job.TrackId, document, EngineVersion)
            {
                UserId = job.UserId,
                CorrelationId = job.CorrelationId,
                Fingerprint = fingerprint is null ? null : Convert.ToBase64String(FingerprintMatcher.ToBytes(fingerprint.Points)),
            }, cancellationToken);
            // One line per track and replica: with several replicas this is how an operator sees the work split.
            logger.LogInformation("Analysed track {TrackId} in {Seconds:0.0} s (attempt {Attempt})",
                job.TrackId, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, attempt);
        }
        catch (AudioDecodeException ex)
        {
            // The decoder's own words (and the temporary file's path) stay in the log, under this trace; the user gets the reason.
            logger.LogInformation("Track {TrackId} cannot be analysed: {Reason} {Message}", job.TrackId, ex.Reason, ex.Message);
            await publisher.Publish(new AnalysisFailed(job.TrackId, ex.ForUser(), ex.Reason.ToString()) { UserId = job.UserId, CorrelationId = job.CorrelationId }, cancellationToken);
        }
        catch (StoredObjectNotFoundException)
        {
            // Deleted while queued: nothing to analyse, and nobody is waiting for it.
            logger.LogInformation("Track {TrackId} was deleted before it could be analysed", job.TrackId);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var reason = $"The analysis took longer than {options.Value.Timeout.TotalMinutes:0.#} minutes and was stopped.";
            await publisher.Publish(new AnalysisFailed(job.TrackId, reason, "Timeout") { UserId = job.UserId, CorrelationId = job.CorrelationId }, cancellationToken);
        }
        finally
        {
            File.Delete(temporaryFile);
        }
    }

    /// <summary>The fingerprint of the signal the engine fed <paramref name="fingerprinter"/>, or null (too little audio for one).</summary>
    private AudioFingerprint? FinishFingerprint(Guid trackId, SignalFingerprinter fingerprinter)
    {
        var fingerprint = fingerprinter.Finish();
        if (fingerprint is null)
        {
            logger.LogWarning("Track {TrackId} has no audio fingerprint: Chromaprint found too little audio", trackId);
        }

        return fingerprint;
    }

    /// <summary>
    /// Where libchromaprint is missing: fpcalc's fingerprint of the stored file (it decodes the first two minutes again),
    /// or null: a fingerprint only finds duplicates, so without one the analysis still completes.
    /// </summary>
    private async Task<AudioFingerprint?> FingerprintAsync(Guid trackId, string path, CancellationToken cancellationToken)
    {
        if (AudioFingerprint.Fpcalc is null)
        {
            logger.LogWarning("Track {TrackId} has no audio fingerprint: neither libchromaprint nor fpcalc is installed (Debian packages libchromaprint1, libchromaprint-tools)", trackId);
            return null;
        }

        try
        {
            var fingerprint = await AudioFingerprint.ComputeAsync(path, options.Value.FingerprintTimeout, cancellationToken);
            if (fingerprint is null)
            {
                logger.LogWarning("Track {TrackId} has no audio fingerprint: fpcalc failed, took longer than {Timeout} or found no audio", trackId, options.Value.FingerprintTimeout);
            }

            return fingerprint;
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or IOException)
        {
            logger.LogWarning(exception, "Track {TrackId} has no audio fingerprint: fpcalc could not be run", trackId);
            return null;
        }
    }

    /// <summary>
    /// The engine's own stage timings as spans, one after another from its start: decoding and the frame features run
    /// interleaved in one pass, so the spans show how long each took, not when.
    /// </summary>
    private static void RecordEngineStages(Guid trackId, DateTimeOffset start, StageTimings timings)
    {
        (string Stage, double Seconds, bool CpuBound)[] stages =
        [
            // Waiting for ffmpeg's samples: ffmpeg's CPU, not this thread's.
            ("decode", timings.DecodeSeconds, false),
            ("loudness", timings.LoudnessSeconds, true),
            ("resample", timings.ResampleSeconds, true),
            ("features", timings.FrameFeaturesSeconds, true),
            ("rhythm", timings.RhythmSeconds, true),
            ("tonal", timings.TonalSeconds, true),
            ("render", timings.DisplaySeconds, true),
        ];
        foreach (var (stage, seconds, cpuBound) in stages)
        {
            var duration = TimeSpan.FromSeconds(seconds);
            PipelineTelemetry.RecordStage(stage, trackId, start, duration, cpuBound);
            start += duration;
        }
    }

    private async Task DownloadAsync(string objectKey, string path, CancellationToken cancellationToken)
    {
        await using var source = await storage.GetAsync(objectKey, cancellationToken);
        await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
        await source.CopyToAsync(target, cancellationToken);
    }

    private async Task StoreDerivedAsync(AnalysisJob job, AudioAnalysis analysis, CancellationToken cancellationToken)
    {
        using var waveform = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(analysis.Waveform, Json));
        await storage.PutAsync(ObjectKey.ForDerived(job.UserId, job.TrackId, DerivedBlobs.Waveform), waveform, new ObjectWrite("application/json", waveform.Length), cancellationToken);

        if (analysis.SpectrogramPng.Length > 0)
        {
            using var png = new MemoryStream(analysis.SpectrogramPng);
            await storage.PutAsync(ObjectKey.ForDerived(job.UserId, job.TrackId, DerivedBlobs.Spectrogram), png, new ObjectWrite("image/png", png.Length), cancellationToken);
        }
    }

    /// <summary>
    /// The models' labels, tags, description and embedding, or why there are none: a track whose feature vector is
    /// unusable (NaN from a degenerate signal) still has its measured analysis, just no guesses built on garbage.
    /// </summary>
    private Annotation Annotate(Guid trackId, AudioAnalysis analysis)
    {
        try
        {
            return new Annotation(annotator.Annotate(analysis), null);
        }
        catch (InvalidFeatureVectorException ex)
        {
            logger.LogWarning("Track {TrackId} cannot be classified: {Problem} {Message}", trackId, ex.Problem, ex.Message);
            return new Annotation(null, ex.Message);
        }
    }

    /// <summary>What <see cref="Annotate"/> found: insights, or the reason there are none.</summary>
    public sealed record Annotation(TrackInsights? Insights, string? Error);

    /// <summary>The smallest confidence a second or third genre needs to be listed beside the top one.</summary>
    public const double ListedGenreConfidence = 0.2;

    /// <summary>
    /// The analysis as the library stores it: everything but the blobs kept beside it and the timings, plus what the
    /// models add: <c>genres</c> (the top one, and up to two more from 0.2), <c>moods</c> and <c>instruments</c> (those
    /// from 0.5) as <c>{ name, confidence }</c> best first, <c>tags</c>, <c>description</c>, <c>embedding</c> (unit-length
    /// floats, compare by cosine) and <c>modelVersion</c>; or <c>classificationError</c> when the models could not be used.
    /// A track the models do not know (silence, a test tone, noise, speech: <see cref="LabelGate"/>) gets empty
    /// <c>genres</c>, <c>moods</c> and <c>instruments</c> and <c>labelsUnknownReason</c> saying why.
    /// </summary>
    public static string ToDocument(AudioAnalysis analysis, Annotation? annotation = null)
    {
        var document = JsonSerializer.SerializeToNode(analysis, Json)!.AsObject();
        document.Remove("waveform");
        document.Remove("spectrogramPng");
        document.Remove("timings");
        document.Remove("source");
        if (annotation?.Insights is { } insights)
        {
            var c = insights.Classification;
            document["genres"] = Labels(c.IsUnknown ? [] : c.Genres.Take(3).Where((g, i) => i == 0 || g.Confidence >= ListedGenreConfidence));
            document["moods"] = Labels(c.LikelyMoods);
            document["instruments"] = Labels(c.LikelyInstruments);
            document["tags"] = JsonSerializer.SerializeToNode(insights.Tags, Json);
            document["description"] = insights.Description;
            document["embedding"] = JsonSerializer.SerializeToNode(insights.Embedding, Json);
            document["modelVersion"] = ModelVersion;
            if (c.UnknownReason is { } reason) document["labelsUnknownReason"] = reason;
        }
        else if (annotation?.Error is { } error)
        {
            document["classificationError"] = error;
        }
        return document.ToJsonString(Json);
    }

    /// <summary>Which models and embedding layout produced the labels: embeddings of different versions must not be compared.</summary>
    public static string ModelVersion => $"features-v{Engine.FeatureVector.SchemaVersion}/embedding-v{Classification.Similarity.SimilarityEmbedding.Version}";

    private static JsonNode Labels(IEnumerable<LabelScore> labels) =>
        new JsonArray([.. labels.Select(l => (JsonNode)new JsonObject { ["name"] = l.Name, ["confidence"] = Math.Round(l.Confidence, 4) })]);

    private static string SafeExtension(string format) =>
        format.Length is > 0 and <= 8 && format.All(char.IsAsciiLetterOrDigit) ? format.ToLowerInvariant() : "bin";

    /// <summary>Publishes the progress reports <see cref="ProgressThrottle"/> lets through, in order.</summary>
    private sealed class ThrottledProgress(AnalysisJob job, IPublishEndpoint publisher, CancellationToken cancellationToken) : IProgress<AnalysisProgress>
    {
        private readonly Lock _lock = new();
        private readonly ProgressThrottle _throttle = new(TimeProvider.System);
        private Task _pending = Task.CompletedTask;

        public void Report(AnalysisProgress value)
        {
            lock (_lock)
            {
                if (!_throttle.ShouldPublish(value))
                {
                    return;
                }

                var message = new AnalysisProgressed(job.TrackId, JsonNamingPolicy.CamelCase.ConvertName(value.Stage.ToString()), (int)Math.Round(value.Percent)) { UserId = job.UserId, CorrelationId = job.CorrelationId };
                // Chained so the events leave in the order they were reported.
                _pending = _pending.ContinueWith(_ => publisher.Publish(message, cancellationToken), cancellationToken, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
            }
        }

        public Task DrainAsync()
        {
            lock (_lock)
            {
                return _pending;
            }
        }
    }
}
