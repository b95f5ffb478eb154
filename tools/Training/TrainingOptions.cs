using System.Globalization;

namespace AudioPlatform.Training;

/// <summary>What one training run does. The defaults are the committed models' run.</summary>
public sealed record TrainingOptions
{
    public required string OutputDirectory { get; init; }
    public string DataDirectory { get; init; } = DefaultDataDirectory;
    public int TrainPerGenre { get; init; } = 40;
    public int TestPerGenre { get; init; } = 10;
    public double Seconds { get; init; } = 12;
    public int Seed { get; init; } = 1;
    /// <summary>
    /// Seed of the held-out test set. Seed + 1 made the validation set the hyperparameters were compared on (same
    /// held-out soundfont, other pieces), so the test set (seed + 2) stayed unseen until the final run.
    /// </summary>
    public int? HeldOutSeed { get; init; }
    public int EffectiveHeldOutSeed => HeldOutSeed ?? (Validate ? Seed + 1 : Seed + 2);
    public int EffectiveHeldOutPerGenre => Validate ? ValidationPerGenre : TestPerGenre;
    public int Parallelism { get; init; } = 3;
    public bool RealRecordings { get; init; } = true;
    /// <summary>Train the instrument models on the real clips of the training sources too (<see cref="AudioPlatform.Training.RealRecordings.SplitBySource"/>).</summary>
    public bool RealInTraining { get; init; }
    public bool PrepareOnly { get; init; }
    /// <summary>Refit only the calibration and familiarity limit of the models already in <see cref="OutputDirectory"/> (no training set needed).</summary>
    public bool CalibrateOnly { get; init; }
    /// <summary>Score the models already in <see cref="OutputDirectory"/>, with their calibration, on the test set; writes nothing.</summary>
    public bool EvaluateOnly { get; init; }
    /// <summary>Boosting rounds per model; fewer for quick runs such as the tests'.</summary>
    public int Iterations { get; init; } = 300;

    public const string TrainSoundFont = "/usr/share/sounds/sf2/FluidR3_GM.sf2";
    /// <summary>A second, unrelated training soundfont (Debian csound-soundfont, public domain): two sources teach the models what
    /// changes from one sample set to another, which one soundfont cannot.</summary>
    public const string SecondTrainSoundFont = "/usr/share/sounds/sf2/sf_GMbank.sf2";
    public const string HeldOutSoundFont = "/usr/share/sounds/sf2/TimGM6mb.sf2";

    /// <summary>The soundfonts the training set is rendered through, each with the same pieces.</summary>
    public IReadOnlyList<string> TrainSoundFonts { get; init; } = [TrainSoundFont, SecondTrainSoundFont];

    /// <summary>
    /// Train and score on the validation set (held-out soundfont, seed + 1, <see cref="ValidationPerGenre"/> per genre)
    /// instead of the test set, without touching the committed models: how the training choices are made.
    /// </summary>
    public bool Validate { get; init; }
    public const int ValidationPerGenre = 15;
    /// <summary>Validation pieces per genre the calibration is fitted on (fewer only for quick runs such as the tests').</summary>
    public int CalibrationPerGenre { get; init; } = ValidationPerGenre;
    public ModelSettings Settings { get; init; } = new();

    public IEnumerable<string> SoundFonts => TrainSoundFonts.Append(HeldOutSoundFont);

    public static string DefaultDataDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "audioplatform", "training");

    /// <summary>The committed model folder of the repository this runs from.</summary>
    public static string? RepositoryModelDirectory()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AudioPlatform.sln")))
                return Path.Combine(dir.FullName, "services", "Classification", "Models");
        return null;
    }

    public static TrainingOptions Parse(string[] args)
    {
        var result = new TrainingOptions { OutputDirectory = RepositoryModelDirectory() ?? "" };
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int NextInt() => int.Parse(Next(), CultureInfo.InvariantCulture);
            result = args[i] switch
            {
                "--out" => result with { OutputDirectory = Next() },
                "--data" => result with { DataDirectory = Next() },
                "--train-per-genre" => result with { TrainPerGenre = NextInt() },
                "--test-per-genre" => result with { TestPerGenre = NextInt() },
                "--seconds" => result with { Seconds = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--seed" => result with { Seed = NextInt() },
                "--held-out-seed" => result with { HeldOutSeed = NextInt() },
                "--parallelism" => result with { Parallelism = NextInt() },
                "--iterations" => result with { Iterations = NextInt() },
                "--train-soundfonts" => result with { TrainSoundFonts = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--validate" => result with { Validate = true },
                "--leaves" => result with { Settings = result.Settings with { Leaves = NextInt() } },
                "--augmented-copies" => result with { Settings = result.Settings with { AugmentedCopies = NextInt() } },
                "--learning-rate" => result with { Settings = result.Settings with { LearningRate = double.Parse(Next(), CultureInfo.InvariantCulture) } },
                "--no-real" => result with { RealRecordings = false },
                "--real-training" => result with { RealInTraining = true },
                "--prepare-only" => result with { PrepareOnly = true },
                "--calibrate-only" => result with { CalibrateOnly = true },
                "--evaluate-only" => result with { EvaluateOnly = true },
                _ => throw new ArgumentException($"Unknown option {args[i]}"),
            };
        }
        if (result.OutputDirectory.Length == 0) throw new ArgumentException("--out is needed outside the repository.");
        if (result.TrainPerGenre < 2 || result.TestPerGenre < 1) throw new ArgumentException("At least 2 training and 1 test piece per genre.");
        return result;
    }
}
