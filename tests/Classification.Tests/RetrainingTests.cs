using AudioPlatform.GroundTruth.Genres;
using AudioPlatform.Training;

namespace AudioPlatform.Classification.Tests;

/// <summary>
/// The training command end to end on a tiny set: render (two short pieces per genre through each training soundfont,
/// one through TimGM6mb), analyse, train, write, reload, evaluate, write the cards. The rendered set is cached in the temp folder,
/// so later runs only train.
/// </summary>
public sealed class RetrainingTests
{
    private static readonly string Data = Path.Combine(Path.GetTempPath(), "audioplatform-classification-tests");

    [SkippableFact]
    public async Task Retraining_on_a_tiny_set_writes_models_that_load_predict_and_are_described()
    {
        Skip.IfNot(new GenreSet().ToolsAvailable && new TrainingOptions { OutputDirectory = "" }.SoundFonts.All(File.Exists),
            "fluidsynth, ffmpeg and the Debian soundfonts are needed (scripts/install-prerequisites.sh test installs them)");
        var output = Directory.CreateTempSubdirectory("classification-retrain-");
        try
        {
            var options = new TrainingOptions
            {
                OutputDirectory = output.FullName, DataDirectory = Data, TrainPerGenre = 2, TestPerGenre = 1, Seconds = 6,
                Iterations = 20, RealRecordings = false, Parallelism = 2, CalibrationPerGenre = 1,
            };
            using var log = new StringWriter();

            var succeeded = await TrainingPipeline.RunAsync(options, log, CancellationToken.None);

            Assert.True(succeeded, log.ToString());
            var classifier = TrackClassifier.Load(output.FullName);
            Assert.Equal(LabelVocabulary.Genres.Order(StringComparer.Ordinal), classifier.Info.Genres);
            var result = classifier.Classify(Fixtures.HeldOutHouse().FeatureVector);
            Assert.Equal(LabelVocabulary.Moods.Count, result.Moods.Count);
            Assert.Equal(LabelVocabulary.Instruments.Count, result.Instruments.Count);
            foreach (var card in new[] { "genre.md", "moods.md", "instruments.md", "similarity.md" })
                Assert.Contains("## Held-out", File.ReadAllText(Path.Combine(output.FullName, card)));
            Assert.Contains("genre macro-F1", log.ToString());
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Fact]
    public void Training_twice_on_the_same_examples_gives_the_same_predictions()
    {
        var examples = new[] { "house", "techno", "classical" }
            .SelectMany(name => Enumerable.Range(0, 4).Select(i => Jitter(Fixtures.Load(name), name, i)))
            .ToList();

        var first = ModelTrainer.Train(examples, seed: 7, iterations: 10);
        var second = ModelTrainer.Train(examples, seed: 7, iterations: 10);

        var probe = Fixtures.HeldOutHouse().FeatureVector;
        Assert.Equal(Scores(first, probe), Scores(second, probe));
    }

    private static Example Jitter(CachedFeatures features, string genre, int i)
    {
        var random = new Random(i * 31 + genre.Length);
        var vector = features.FeatureVector.Select(v => v * (float)(1 + 0.02 * (random.NextDouble() - 0.5))).ToArray();
        return new Example($"{genre}-{i}", "test", genre, i % 2 == 0 ? ["energetic"] : ["calm"], i % 2 == 0 ? ["drums"] : ["piano"], vector, features.Facts);
    }

    private static float[] Scores(TrainedModels models, float[] features)
    {
        var directory = Directory.CreateTempSubdirectory("classification-determinism-");
        try
        {
            models.Save(directory.FullName);
            var c = TrackClassifier.Load(directory.FullName).Classify(features);
            return [.. c.Genres.Concat(c.Moods).Concat(c.Instruments).OrderBy(s => s.Name, StringComparer.Ordinal).Select(s => (float)s.Confidence)];
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
