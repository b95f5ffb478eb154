using System.Diagnostics;
using AudioPlatform.Classification;
using AudioPlatform.GroundTruth.Genres;
using AudioPlatform.GroundTruth.Rendering;

namespace AudioPlatform.Training;

/// <summary>
/// The whole retraining: render the labelled sets (training soundfont and held-out soundfont), build the real-recording
/// clips, analyse everything with the engine (cached), train, reload the written models as the service would, evaluate
/// on held-out sound and write the model cards.
/// </summary>
public static class TrainingPipeline
{
    /// <param name="Validation">What the calibration and the familiarity limit are fitted on (TimGM6mb, seed + 1); the same set as <paramref name="HeldOut"/> under --validate.</param>
    /// <param name="Probes">Non-music signals the models must refuse, with the engine's feature vectors.</param>
    /// <param name="Real">The real-recording clips of the test sources (<see cref="RealRecordings.SplitBySource"/>): never trained on.</param>
    /// <param name="RealTrainSources">The clips of the other sources: in <paramref name="Train"/> under --real-training, otherwise a second test.</param>
    public sealed record PreparedData(IReadOnlyList<Example> Train, IReadOnlyList<Example> HeldOut, IReadOnlyList<Example> Real,
        IReadOnlyList<Example> Validation, IReadOnlyList<(Probe Probe, float[] FeatureVector)> Probes, IReadOnlyList<Example> RealTrainSources)
    {
        public bool RealInTraining => Train.Any(e => e.Genre is null);
    }

    public static async Task<bool> RunAsync(TrainingOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var data = await PrepareAsync(options, log, cancellationToken);
        if (data is null) return false;
        if (options.PrepareOnly) return true;

        if (options.EvaluateOnly)
        {
            var committed = ModelInfo.Load(Path.Combine(options.OutputDirectory, ModelInfo.FileName));
            log.WriteLine($"The models in {options.OutputDirectory} as they are (their own calibration and familiarity limit):");
            Evaluation.Run(options.OutputDirectory, data, committed).Print(log);
            CalibrationReport.Build(Classification.TrackClassifier.Load(options.OutputDirectory), data.HeldOut, data.Real, data.Probes, data.Validation).Print(log);
            return true;
        }

        if (options.CalibrateOnly)
        {
            var infoPath = Path.Combine(options.OutputDirectory, ModelInfo.FileName);
            var uncalibrated = ModelInfo.Load(infoPath) with { Calibration = null, Familiarity = null };
            uncalibrated.Save(infoPath);
            log.WriteLine("BEFORE calibration (raw scores; silence and audio without beat or key already refused):");
            Evaluation.Run(options.OutputDirectory, data, uncalibrated).Print(log);
            Calibrate(options.OutputDirectory, data, log).WriteCards(options.OutputDirectory, ModelInfo.Load(Path.Combine(options.OutputDirectory, ModelInfo.FileName)));
            log.WriteLine("AFTER calibration:");
            Evaluation.Run(options.OutputDirectory, data, ModelInfo.Load(infoPath)).Print(log);
            log.WriteLine($"Calibration written to {ModelInfo.FileName} and the model cards; total {clock.Elapsed.TotalSeconds:F0} s");
            return true;
        }

        log.WriteLine($"Training on {data.Train.Count} pieces (seed {options.Seed}, LightGbm, 1 thread)");
        var trained = ModelTrainer.Train(data.Train, options.Seed, options.Settings with { Iterations = options.Iterations });
        if (options.Validate) return Validate(trained, data, log);
        Directory.CreateDirectory(options.OutputDirectory);
        trained.Save(options.OutputDirectory);
        log.WriteLine($"  models written to {options.OutputDirectory} ({clock.Elapsed.TotalSeconds:F0} s so far)");

        var calibration = Calibrate(options.OutputDirectory, data, log);
        var info = ModelInfo.Load(Path.Combine(options.OutputDirectory, ModelInfo.FileName));
        var report = Evaluation.Run(options.OutputDirectory, data, info);
        ModelCards.Write(options.OutputDirectory, options, data, report);
        calibration.WriteCards(options.OutputDirectory, info);
        report.Print(log);
        calibration.Print(log);
        log.WriteLine($"Model cards written; total {clock.Elapsed.TotalSeconds:F0} s");
        return true;
    }

    /// <summary>
    /// Fits the calibration and the familiarity limit of the models in <paramref name="directory"/> on the validation
    /// set, stores them in its model-info.json, and measures them on the held-out test set and the non-music probes.
    /// </summary>
    private static CalibrationReport Calibrate(string directory, PreparedData data, TextWriter log)
    {
        var infoPath = Path.Combine(directory, ModelInfo.FileName);
        var uncalibrated = ModelInfo.Load(infoPath) with { Calibration = null, Familiarity = null };
        uncalibrated.Save(infoPath);
        var (calibration, familiarity) = CalibrationFitter.Fit(Classification.TrackClassifier.Load(directory), data.Validation);
        (uncalibrated with { Calibration = calibration, Familiarity = familiarity }).Save(infoPath);
        log.WriteLine($"Calibration fitted on {data.Validation.Count} validation pieces: genre temperature {calibration.GenreTemperature:F3}, familiarity limit {familiarity.Distance:F2}");
        var report = CalibrationReport.Build(Classification.TrackClassifier.Load(directory), data.HeldOut, data.Real, data.Probes, data.Validation);
        report.Print(log);
        return report;
    }

    /// <summary>Scores a training choice on the validation set; the committed models and cards stay as they are.</summary>
    private static bool Validate(TrainedModels trained, PreparedData data, TextWriter log)
    {
        var directory = Directory.CreateTempSubdirectory("audioplatform-validation-");
        try
        {
            trained.Save(directory.FullName);
            log.WriteLine($"VALIDATION (not the test set): {trained.Info.Trainer}");
            Evaluation.Run(directory.FullName, data, trained.Info).Print(log);
            CompareSimilarityShares(directory.FullName, data, log);
            return true;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Precision@5 on the validation set for other block shares of the similarity embedding.</summary>
    private static void CompareSimilarityShares(string modelDirectory, PreparedData data, TextWriter log)
    {
        var classifier = Classification.TrackClassifier.Load(modelDirectory);
        var predictions = data.HeldOut.Select(e => classifier.Classify(e.FeatureVector)).ToList();
        var genres = data.HeldOut.Select(e => e.Genre!).ToList();
        var current = Classification.Similarity.SimilarityEmbedding.Shares.Default;
        var candidates = new (string Name, Classification.Similarity.SimilarityEmbedding.Shares Shares)[]
        {
            ("current", current),
            ("genre 0.5", current with { Genre = 0.5 }),
            ("genre 0.2", current with { Genre = 0.2 }),
            ("features only", new(0, 0, 0, current.Timbre, current.Rhythm, current.Tonal, current.Dynamics)),
            ("labels only", new(current.Genre, current.Mood, current.Instrument, 0, 0, 0, 0)),
            ("genre only", new(1, 0, 0, 0, 0, 0, 0)),
            ("rhythm 0.25", current with { Rhythm = 0.25 }),
            ("timbre 0.3", current with { Timbre = 0.3 }),
            ("timbre 0.3 rhythm 0.25", current with { Timbre = 0.3, Rhythm = 0.25 }),
            ("no tonal/dynamics", current with { Tonal = 0, Dynamics = 0 }),
        };
        log.WriteLine("Similarity shares on the validation set (precision@5 same genre):");
        foreach (var (name, shares) in candidates)
        {
            var embeddings = data.HeldOut.Select((e, i) => Classification.Similarity.SimilarityEmbedding.Build(e.Input, predictions[i], classifier.Info, shares)).ToList();
            log.WriteLine($"  {name,-26} {Evaluation.PrecisionAt(5, genres, embeddings):F3}");
        }
    }

    public static async Task<PreparedData?> PrepareAsync(TrainingOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var set = new GenreSet();
        if (!set.ToolsAvailable || !options.SoundFonts.All(File.Exists))
        {
            log.WriteLine($"fluidsynth, ffmpeg and the Debian soundfonts ({string.Join(", ", options.SoundFonts)}) are needed.");
            return null;
        }

        var train = new List<Example>();
        foreach (var soundFont in options.TrainSoundFonts.Where(_ => !options.CalibrateOnly && !options.EvaluateOnly))
            train.AddRange(await GeneratedAsync(set, "train", new GenreSetOptions(options.TrainPerGenre, options.Seed, soundFont, options.Seconds, options.Parallelism), options, log, cancellationToken));
        var heldOut = await GeneratedAsync(set, "held-out", new GenreSetOptions(options.EffectiveHeldOutPerGenre, options.EffectiveHeldOutSeed, TrainingOptions.HeldOutSoundFont, options.Seconds, options.Parallelism), options, log, cancellationToken);

        IReadOnlyList<Example> real = [];
        IReadOnlyList<Example> realTrainSources = [];
        if (options.RealRecordings)
        {
            var samples = await SupersonicSamples.EnsureAsync(Path.Combine(options.DataDirectory, "supersonic"), log, cancellationToken);
            var recordings = await RealRecordings.CreateAsync(Path.Combine(options.DataDirectory, "real"), samples, cancellationToken);
            var (trainSources, testSources) = RealRecordings.SplitBySource(recordings);
            real = await RealExamplesAsync(testSources, options, cancellationToken);
            realTrainSources = await RealExamplesAsync(trainSources, options, cancellationToken);
            string Counts(IReadOnlyList<Example> clips) => string.Join(", ", clips.GroupBy(r => r.Instruments[0]).Select(g => $"{g.Key} {g.Count()}"));
            log.WriteLine($"Real recordings: {real.Count} clips of the test sources ({Counts(real)}); {realTrainSources.Count} of the training sources ({Counts(realTrainSources)}){(options.RealInTraining ? ", trained on" : ", not trained on")}");
            if (options.RealInTraining) train.AddRange(realTrainSources);
        }
        var validation = options.Validate ? heldOut
            : await GeneratedAsync(set, "held-out", new GenreSetOptions(options.CalibrationPerGenre, options.Seed + 1, TrainingOptions.HeldOutSoundFont, options.Seconds, options.Parallelism), options, log, cancellationToken);
        var probes = await ProbeSignals.CreateAsync(Path.Combine(options.DataDirectory, "probes"), cancellationToken);
        var probeFeatures = await FeatureCache.GetAllAsync(probes.Select(p => p.File).ToList(), options.Parallelism, null, cancellationToken);
        log.WriteLine($"Non-music probes: {probes.Count} ({string.Join(", ", probes.GroupBy(p => p.Kind).Select(g => $"{g.Key} {g.Count()}"))})");
        return new PreparedData(train, heldOut, real, validation, probes.Select((p, i) => (p, probeFeatures[i].FeatureVector)).ToList(), realTrainSources);
    }

    /// <summary>A real clip is labelled with its one instrument only: no genre, and no moods (nobody rated them), so it enters the instrument models alone.</summary>
    private static async Task<IReadOnlyList<Example>> RealExamplesAsync(IReadOnlyList<RealRecording> recordings, TrainingOptions options, CancellationToken cancellationToken)
    {
        var features = await FeatureCache.GetAllAsync(recordings.Select(r => r.File).ToList(), options.Parallelism, null, cancellationToken);
        return recordings.Select((r, i) => new Example(r.Id, r.Source, null, [], [r.Instrument], features[i].FeatureVector, features[i].Facts)).ToList();
    }

    private static async Task<IReadOnlyList<Example>> GeneratedAsync(GenreSet set, string name, GenreSetOptions setOptions, TrainingOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(options.DataDirectory, $"{name}-s{setOptions.Seed}-{Path.GetFileNameWithoutExtension(setOptions.SoundFont).ToLowerInvariant()}");
        var clock = Stopwatch.StartNew();
        log.WriteLine($"{name}: {setOptions.PiecesPerGenre} pieces per genre × {LabelVocabulary.Genres.Count} genres through {Path.GetFileName(setOptions.SoundFont)} into {directory}");
        var tracks = await set.CreateAsync(directory, setOptions, null, cancellationToken);
        var features = await FeatureCache.GetAllAsync(tracks.Select(t => t.File).ToList(), options.Parallelism, null, cancellationToken);
        log.WriteLine($"  rendered and analysed in {clock.Elapsed.TotalSeconds:F0} s");
        return tracks.Select((t, i) => new Example(t.Id, Path.GetFileName(setOptions.SoundFont), t.Genre, t.Moods, t.Instruments, features[i].FeatureVector, features[i].Facts)).ToList();
    }
}

/// <summary>Fetches the npm package supersonic-scsynth-samples (CC0) into the cache with npm itself, once.</summary>
public static class SupersonicSamples
{
    public const string Package = "supersonic-scsynth-samples@0.84.2";

    public static async Task<string?> EnsureAsync(string directory, TextWriter log, CancellationToken cancellationToken)
    {
        var samples = Path.Combine(directory, "package", "samples");
        if (Directory.Exists(samples)) return samples;
        Directory.CreateDirectory(directory);
        try
        {
            await RunAsync("npm", ["pack", Package, "--silent"], directory, cancellationToken);
            var tarball = Directory.EnumerateFiles(directory, "supersonic-scsynth-samples-*.tgz").Single();
            await RunAsync("tar", ["xzf", tarball], directory, cancellationToken);
            File.Delete(tarball);
            return samples;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            log.WriteLine($"  {Package} is not available ({e.Message}); real-recording test without it.");
            return null;
        }
    }

    private static async Task RunAsync(string executable, string[] arguments, string directory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        await stdout;
        if (process.ExitCode != 0) throw new InvalidOperationException($"{executable} {string.Join(' ', arguments)} exited with {process.ExitCode}: {(await stderr).Trim()}");
    }
}
