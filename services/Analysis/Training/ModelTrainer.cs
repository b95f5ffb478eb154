using AudioPlatform.Analysis.Classification;
using AudioPlatform.Analysis.Engine;
using AudioPlatform.Analysis.GroundTruth.Genres;
using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;

namespace AudioPlatform.Analysis.Training;

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
    }
}

/// <summary>
/// Trains with LightGbm on one thread (it spins on every core otherwise) and a fixed seed, so a retraining on the same
/// data gives the same models. Small trees and a minimum leaf size keep the models small and less tied to the one
/// soundfont they are trained on.
/// </summary>
public static class ModelTrainer
{
    public const string TrainerName = "LightGbm (ML.NET 5.0.1), 1 thread";

    public static TrainedModels Train(IReadOnlyList<Example> examples, int seed, int iterations)
    {
        var ml = new MLContext(seed);
        var minLeaf = Math.Max(2, Math.Min(10, examples.Count / 40));

        var genreData = ModelSchemas.Load(ml, examples.Select(e => new GenreRow { Features = e.Input, Label = e.Genre! }).ToList());
        var genrePipeline = ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
            {
                NumberOfThreads = 1,
                Seed = seed,
                NumberOfIterations = iterations,
                NumberOfLeaves = 12,
                MinimumExampleCountPerLeaf = minLeaf,
                LearningRate = 0.05,
                Booster = new GradientBooster.Options { FeatureFraction = 0.7 },
                Silent = true,
            }));
        var genre = genrePipeline.Fit(genreData);

        ITransformer Flag(Func<Example, bool> label)
        {
            var data = ModelSchemas.Load(ml, examples.Select(e => new FlagRow { Features = e.Input, Label = label(e) }).ToList());
            return ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
            {
                NumberOfThreads = 1,
                Seed = seed,
                NumberOfIterations = iterations / 2,
                NumberOfLeaves = 8,
                MinimumExampleCountPerLeaf = minLeaf,
                LearningRate = 0.05,
                Booster = new GradientBooster.Options { FeatureFraction = 0.7 },
                Silent = true,
            }).Fit(data);
        }

        var moods = LabelVocabulary.Moods.ToDictionary(m => m, m => Flag(e => e.Moods.Contains(m)));
        var instruments = LabelVocabulary.Instruments.ToDictionary(i => i, i => Flag(e => e.Instruments.Contains(i)));

        var means = new float[ModelFeatures.Length];
        var stds = new float[ModelFeatures.Length];
        for (var f = 0; f < means.Length; f++)
        {
            var values = examples.Select(e => (double)e.Input[f]).ToList();
            var mean = values.Average();
            means[f] = (float)mean;
            stds[f] = (float)Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
        }

        var info = new ModelInfo
        {
            FeatureSchemaVersion = FeatureVector.SchemaVersion,
            InputFeatures = ModelFeatures.Names,
            Genres = examples.Select(e => e.Genre!).Distinct().Order(StringComparer.Ordinal).ToList(),
            Moods = LabelVocabulary.Moods,
            Instruments = LabelVocabulary.Instruments,
            FeatureMeans = means,
            FeatureStds = stds,
            Seed = seed,
            Trainer = TrainerName,
        };
        return new TrainedModels(ml, genre, moods, instruments, info);
    }
}
