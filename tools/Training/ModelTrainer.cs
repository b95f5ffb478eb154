using AudioPlatform.Classification;
using AudioPlatform.Engine;
using AudioPlatform.GroundTruth.Genres;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.LightGbm;

namespace AudioPlatform.Training;

/// <summary>The trained models before they are written: one multiclass genre model, one yes/no model per mood and per instrument.</summary>
public sealed record TrainedModels(MLContext Ml, ITransformer Genre, IReadOnlyDictionary<string, ITransformer> Moods, IReadOnlyDictionary<string, ITransformer> Instruments, ModelInfo Info)
{
    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        var genreSchema = ModelSchemas.Load(Ml, Array.Empty<GenreRow>()).Schema;
        var flagSchema = ModelSchemas.Load(Ml, Array.Empty<FlagRow>()).Schema;
        Ml.Model.Save(Genre, genreSchema, Path.Combine(directory, ModelInfo.GenreModelFile));
        foreach (var (mood, model) in Moods) Ml.Model.Save(model, flagSchema, Path.Combine(directory, ModelInfo.MoodModelFile(mood)));
        foreach (var (instrument, model) in Instruments) Ml.Model.Save(model, flagSchema, Path.Combine(directory, ModelInfo.InstrumentModelFile(instrument)));
        Info.Save(Path.Combine(directory, ModelInfo.FileName));
        foreach (var zip in Directory.EnumerateFiles(directory, "*.zip")) StampEntries(zip);
    }

    /// <summary>ML.NET stamps zip entries with the time of saving; a fixed stamp makes a retraining byte-for-byte identical.</summary>
    private static void StampEntries(string zip)
    {
        using var archive = System.IO.Compression.ZipFile.Open(zip, System.IO.Compression.ZipArchiveMode.Update);
        foreach (var entry in archive.Entries) entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    }
}

public enum Algorithm
{
    /// <summary>Gradient-boosted trees (LightGbm), one thread.</summary>
    LightGbm,
    /// <summary>Standardised features into L-BFGS logistic regression (softmax for genres).</summary>
    Linear,
}

/// <summary>How the models are trained; the defaults are those of the committed models.</summary>
public sealed record ModelSettings
{
    public Algorithm GenreAlgorithm { get; init; } = Algorithm.LightGbm;
    public Algorithm FlagAlgorithm { get; init; } = Algorithm.LightGbm;
    public int Iterations { get; init; } = 300;
    public int Leaves { get; init; } = 16;
    public int MinimumLeafExamples { get; init; } = 10;
    public double LearningRate { get; init; } = 0.05;
    public double FeatureFraction { get; init; } = 0.7;
    public float L2 { get; init; } = 1;
    /// <summary>Level- and brightness-shifted copies per training example (<see cref="FeatureAugmentation"/>).</summary>
    public int AugmentedCopies { get; init; } = 4;

    public string Describe(bool genre) => (genre ? GenreAlgorithm : FlagAlgorithm) == Algorithm.Linear
        ? $"standardised features into L-BFGS {(genre ? "maximum entropy (softmax)" : "logistic regression")}, L2 {L2}"
        : $"LightGbm, {(genre ? Iterations : Iterations / 2)} rounds, {(genre ? Leaves : Math.Max(4, Leaves * 2 / 3))} leaves, at least {MinimumLeafExamples} examples per leaf, learning rate {LearningRate}, feature fraction {FeatureFraction}, one thread";
}

/// <summary>
/// Trains with a fixed seed on one thread (LightGbm spins on every core otherwise), so a retraining on the same data
/// gives the same models. Small trees and a minimum leaf size keep the models small and less tied to the one soundfont
/// they are trained on.
/// </summary>
public static class ModelTrainer
{
    public const string TrainerName = "ML.NET 5.0.1, one thread";

    public static TrainedModels Train(IReadOnlyList<Example> examples, int seed, int iterations) =>
        Train(examples, seed, new ModelSettings { Iterations = iterations });

    public static TrainedModels Train(IReadOnlyList<Example> examples, int seed, ModelSettings settings)
    {
        var ml = new MLContext(seed);
        var minLeaf = Math.Max(2, Math.Min(settings.MinimumLeafExamples * (1 + settings.AugmentedCopies), examples.Count * (1 + settings.AugmentedCopies) / 40));

        // Real instrument clips carry no genre and no moods: they teach the instrument models only, and "no mood" would be a label nobody gave.
        // The clips are augmented apart, with the music's spread, so the genre and mood models are the same with or without them.
        var music = examples.Where(e => e.Genre is not null).ToList();
        var clips = examples.Where(e => e.Genre is null).ToList();
        var augmentedMusic = FeatureAugmentation.Expand(music, settings.AugmentedCopies, seed);
        var augmented = augmentedMusic.Concat(FeatureAugmentation.Expand(clips, settings.AugmentedCopies, seed + 1, spreadOf: music)).ToList();
        var genreData = ModelSchemas.Load(ml, augmentedMusic.Select(a => new GenreRow { Features = a.Input, Label = a.Example.Genre! }).ToList());
        var toKey = ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue);
        var genre = settings.GenreAlgorithm == Algorithm.Linear
            ? toKey.Append(ml.Transforms.NormalizeMeanVariance("Features"))
                .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
                {
                    L2Regularization = settings.L2,
                    NumberOfThreads = 1,
                })).Fit(genreData)
            : (ITransformer)toKey.Append(ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
            {
                NumberOfThreads = 1,
                Seed = seed,
                NumberOfIterations = settings.Iterations,
                NumberOfLeaves = settings.Leaves,
                MinimumExampleCountPerLeaf = minLeaf,
                LearningRate = settings.LearningRate,
                Booster = new GradientBooster.Options { FeatureFraction = settings.FeatureFraction },
                Silent = true,
            })).Fit(genreData);

        ITransformer Flag(IReadOnlyList<(Example Example, float[] Input)> augmented, Func<Example, bool> label)
        {
            var rows = augmented.Select(a => new FlagRow { Features = a.Input, Label = label(a.Example) }).ToList();
            var data = ModelSchemas.Load(ml, rows);
            // A label that never (or always) occurs cannot be learnt: the prior (its share, 0 or 1) is the honest answer.
            if (rows.All(r => r.Label) || rows.All(r => !r.Label)) return ml.BinaryClassification.Trainers.Prior().Fit(data);
            if (settings.FlagAlgorithm == Algorithm.Linear)
                return ml.Transforms.NormalizeMeanVariance("Features")
                    .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
                    {
                        L2Regularization = settings.L2,
                        NumberOfThreads = 1,
                    })).Fit(data);
            return ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
            {
                NumberOfThreads = 1,
                Seed = seed,
                NumberOfIterations = settings.Iterations / 2,
                NumberOfLeaves = Math.Max(4, settings.Leaves * 2 / 3),
                MinimumExampleCountPerLeaf = minLeaf,
                LearningRate = settings.LearningRate,
                Booster = new GradientBooster.Options { FeatureFraction = settings.FeatureFraction },
                Silent = true,
            }).Fit(data);
        }

        var moods = LabelVocabulary.Moods.ToDictionary(m => m, m => Flag(augmentedMusic, e => e.Moods.Contains(m)));
        var instruments = LabelVocabulary.Instruments.ToDictionary(i => i, i => Flag(augmented, e => e.Instruments.Contains(i)));

        var means = new float[ModelFeatures.Length];
        var stds = new float[ModelFeatures.Length];
        for (var f = 0; f < means.Length; f++)
        {
            // The familiarity limit measures the distance from the training music, so the single-instrument clips stay out of it.
            var values = music.Select(e => (double)e.Input[f]).ToList();
            var mean = values.Average();
            means[f] = (float)mean;
            stds[f] = (float)Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
        }

        var info = new ModelInfo
        {
            FeatureSchemaVersion = FeatureVector.SchemaVersion,
            InputFeatures = ModelFeatures.Names,
            Genres = music.Select(e => e.Genre!).Distinct().Order(StringComparer.Ordinal).ToList(),
            Moods = LabelVocabulary.Moods,
            Instruments = LabelVocabulary.Instruments,
            FeatureMeans = means,
            FeatureStds = stds,
            Seed = seed,
            Trainer = $"{TrainerName}; genre: {settings.Describe(genre: true)}; moods and instruments: {settings.Describe(genre: false)}",
        };
        return new TrainedModels(ml, genre, moods, instruments, info);
    }
}
