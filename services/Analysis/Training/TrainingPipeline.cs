using System.Diagnostics;
using AudioPlatform.Analysis.GroundTruth.Genres;
using AudioPlatform.Analysis.GroundTruth.Rendering;

namespace AudioPlatform.Analysis.Training;

/// <summary>
/// The whole retraining: render the labelled sets (training soundfont and held-out soundfont), build the real-recording
/// clips, analyse everything with the engine (cached), train, reload the written models as the service would, evaluate
/// on held-out sound and write the model cards.
/// </summary>
public static class TrainingPipeline
{
    public sealed record PreparedData(IReadOnlyList<Example> Train, IReadOnlyList<Example> HeldOut, IReadOnlyList<Example> Real);

    public static async Task<bool> RunAsync(TrainingOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var data = await PrepareAsync(options, log, cancellationToken);
        if (data is null) return false;
        if (options.PrepareOnly) return true;

        log.WriteLine($"Training on {data.Train.Count} pieces (seed {options.Seed}, LightGbm, 1 thread)");
        var trained = ModelTrainer.Train(data.Train, options.Seed, options.Iterations);
        Directory.CreateDirectory(options.OutputDirectory);
        trained.Save(options.OutputDirectory);
        log.WriteLine($"  models written to {options.OutputDirectory} ({clock.Elapsed.TotalSeconds:F0} s so far)");

        var report = Evaluation.Run(options.OutputDirectory, data, trained.Info);
        ModelCards.Write(options.OutputDirectory, options, data, report);
        report.Print(log);
        log.WriteLine($"Model cards written; total {clock.Elapsed.TotalSeconds:F0} s");
        return true;
    }

    public static async Task<PreparedData?> PrepareAsync(TrainingOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var set = new GenreSet();
        if (!set.ToolsAvailable || !File.Exists(TrainingOptions.TrainSoundFont) || !File.Exists(TrainingOptions.HeldOutSoundFont))
        {
            log.WriteLine($"fluidsynth, ffmpeg and both Debian soundfonts ({TrainingOptions.TrainSoundFont}, {TrainingOptions.HeldOutSoundFont}) are needed.");
            return null;
        }

        var train = await GeneratedAsync(set, "train", new GenreSetOptions(options.TrainPerGenre, options.Seed, TrainingOptions.TrainSoundFont, options.Seconds, options.Parallelism), options, log, cancellationToken);
        var heldOut = await GeneratedAsync(set, "held-out", new GenreSetOptions(options.TestPerGenre, options.EffectiveHeldOutSeed, TrainingOptions.HeldOutSoundFont, options.Seconds, options.Parallelism), options, log, cancellationToken);

        IReadOnlyList<Example> real = [];
        if (options.RealRecordings)
        {
            var samples = await SupersonicSamples.EnsureAsync(Path.Combine(options.DataDirectory, "supersonic"), log, cancellationToken);
            var recordings = await RealRecordings.CreateAsync(Path.Combine(options.DataDirectory, "real"), samples, cancellationToken);
            var features = await FeatureCache.GetAllAsync(recordings.Select(r => r.File).ToList(), options.Parallelism, null, cancellationToken);
            real = recordings.Select((r, i) => new Example(r.Id, r.Source, null, [], [r.Instrument], features[i].FeatureVector, features[i].Facts)).ToList();
            log.WriteLine($"Real recordings: {real.Count} clips ({string.Join(", ", real.GroupBy(r => r.Instruments[0]).Select(g => $"{g.Key} {g.Count()}"))})");
        }
        return new PreparedData(train, heldOut, real);
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
