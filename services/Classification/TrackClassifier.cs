using AudioPlatform.Engine;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace AudioPlatform.Classification;

/// <summary>The models' scores before calibration, in the order of <see cref="ModelInfo"/>'s labels: what the calibration is fitted on.</summary>
public sealed record RawScores(double[] Genres, double[] Moods, double[] Instruments);

/// <summary>
/// Loads the genre, mood and instrument models once and predicts from a feature vector. Safe to share between threads
/// (ML.NET prediction engines are not, so each is used under its own lock; a prediction takes well under a millisecond).
/// </summary>
public sealed class TrackClassifier
{
    /// <summary>Confidence from which a mood or instrument counts as present.</summary>
    public const double Threshold = TrackClassification.Threshold;

    private readonly Predictor<GenreRow, GenreScores> _genre;
    private readonly string[] _genreSlots;
    private readonly (string Label, Predictor<FlagRow, FlagScore> Model)[] _moods;
    private readonly (string Label, Predictor<FlagRow, FlagScore> Model)[] _instruments;

    public ModelInfo Info { get; }

    private TrackClassifier(ModelInfo info, Predictor<GenreRow, GenreScores> genre, string[] genreSlots,
        (string, Predictor<FlagRow, FlagScore>)[] moods, (string, Predictor<FlagRow, FlagScore>)[] instruments)
    {
        Info = info;
        _genre = genre;
        _genreSlots = genreSlots;
        _moods = moods;
        _instruments = instruments;
    }

    /// <summary>The models committed with this library (copied next to the assembly).</summary>
    public static string DefaultModelDirectory => Path.Combine(AppContext.BaseDirectory, "Models");

    private static readonly Lazy<TrackClassifier> Shared = new(() => Load(DefaultModelDirectory));

    /// <summary>The committed models, loaded once per process.</summary>
    public static TrackClassifier Default => Shared.Value;

    /// <exception cref="ClassifierModelException">A file is missing or the models were trained on another feature schema.</exception>
    public static TrackClassifier Load(string directory)
    {
        var infoPath = Path.Combine(directory, ModelInfo.FileName);
        if (!File.Exists(infoPath)) throw new ClassifierModelException($"No {ModelInfo.FileName} in {directory}: run the training command first.");
        var info = ModelInfo.Load(infoPath);
        if (info.FeatureSchemaVersion != FeatureVector.SchemaVersion)
            throw new ClassifierModelException($"The models in {directory} were trained on feature schema {info.FeatureSchemaVersion}; the engine writes {FeatureVector.SchemaVersion}. Retrain them.");
        if (!info.InputFeatures.SequenceEqual(ModelFeatures.Names))
            throw new ClassifierModelException($"The models in {directory} read other input features than this library builds. Retrain them.");

        var ml = new MLContext(seed: info.Seed);
        ITransformer LoadModel(string file)
        {
            var path = Path.Combine(directory, file);
            if (!File.Exists(path)) throw new ClassifierModelException($"Model {path} is missing.");
            try { return ml.Model.Load(path, out _); }
            catch (Exception e) when (e is not OutOfMemoryException) { throw new ClassifierModelException($"Model {path} cannot be loaded: {e.Message}", e); }
        }

        var genreModel = LoadModel(ModelInfo.GenreModelFile);
        var genre = new Predictor<GenreRow, GenreScores>(ml, genreModel);
        var slots = GenreSlots(genreModel, ml, info);
        var moods = info.Moods.Select(m => (m, new Predictor<FlagRow, FlagScore>(ml, LoadModel(ModelInfo.MoodModelFile(m))))).ToArray();
        var instruments = info.Instruments.Select(i => (i, new Predictor<FlagRow, FlagScore>(ml, LoadModel(ModelInfo.InstrumentModelFile(i))))).ToArray();
        return new TrackClassifier(info, genre, slots, moods, instruments);
    }

    public TrackClassification Classify(AudioAnalysis analysis) => Classify(analysis.FeatureVector, FeatureVector.SchemaVersion);

    /// <exception cref="InvalidFeatureVectorException">The vector is missing, has the wrong length, NaN or infinite values, or another schema version.</exception>
    public TrackClassification Classify(float[]? featureVector, int schemaVersion = FeatureVector.SchemaVersion) =>
        ClassifyModelInput(featureVector!, ModelFeatures.From(featureVector, schemaVersion));

    /// <summary>Classifies an already mapped model input (<see cref="ModelFeatures.From"/>) of the engine's <paramref name="featureVector"/>.</summary>
    public TrackClassification ClassifyModelInput(float[] featureVector, float[] input)
    {
        var raw = Score(input);
        var calibration = Info.Calibration ?? LabelCalibration.Identity;
        var genreProbabilities = calibration.Genres(raw.Genres);
        var genres = Info.Genres.Select((label, i) => new LabelScore(label, genreProbabilities[i])).OrderByDescending(s => s.Confidence).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
        List<LabelScore> Flags(IReadOnlyList<string> labels, double[] scores) =>
            labels.Select((label, i) => new LabelScore(label, calibration.Flag(label, scores[i])))
                .OrderByDescending(s => s.Confidence).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
        return new TrackClassification(genres, Flags(Info.Moods, raw.Moods), Flags(Info.Instruments, raw.Instruments), LabelGate.UnknownReason(featureVector, input, Info));
    }

    /// <summary>The raw model outputs, genres in <see cref="ModelInfo.Genres"/> order.</summary>
    public RawScores Score(float[] input)
    {
        var scores = _genre.Predict(new GenreRow { Features = input }).Score;
        var genres = new double[Info.Genres.Count];
        for (var slot = 0; slot < _genreSlots.Length; slot++) genres[IndexOf(Info.Genres, _genreSlots[slot])] = scores[slot];
        var row = new FlagRow { Features = input };
        double[] Flags((string Label, Predictor<FlagRow, FlagScore> Model)[] models) => [.. models.Select(m => Math.Clamp((double)m.Model.Predict(row).Probability, 0, 1))];
        return new RawScores(genres, Flags(_moods), Flags(_instruments));
    }

    private static int IndexOf(IReadOnlyList<string> labels, string label)
    {
        for (var i = 0; i < labels.Count; i++) if (labels[i] == label) return i;
        throw new ClassifierModelException($"The genre model's label '{label}' is not in {ModelInfo.FileName}.");
    }

    /// <summary>The genre of each score slot: the label key's values, as ML.NET keeps them with the model.</summary>
    private static string[] GenreSlots(ITransformer model, MLContext ml, ModelInfo info)
    {
        var schema = model.GetOutputSchema(SchemaDefinitionToSchema<GenreRow>(ml));
        var score = schema[nameof(GenreScores.Score)];
        VBuffer<ReadOnlyMemory<char>> names = default;
        score.GetSlotNames(ref names);
        var slots = names.DenseValues().Select(n => n.ToString()).ToArray();
        if (slots.Length != info.Genres.Count || slots.Except(info.Genres).Any())
            throw new ClassifierModelException($"The genre model's labels ({string.Join(", ", slots)}) do not match {ModelInfo.FileName}.");
        return slots;
    }

    private static DataViewSchema SchemaDefinitionToSchema<TRow>(MLContext ml) where TRow : class =>
        ModelSchemas.Load(ml, Array.Empty<TRow>()).Schema;

    private sealed class Predictor<TIn, TOut>(MLContext ml, ITransformer model) where TIn : class where TOut : class, new()
    {
        private readonly Lock _lock = new();
        private readonly PredictionEngine<TIn, TOut> _engine = ml.Model.CreatePredictionEngine<TIn, TOut>(model, inputSchemaDefinition: ModelSchemas.For<TIn>());

        public TOut Predict(TIn input)
        {
            lock (_lock) return _engine.Predict(input);
        }
    }
}
