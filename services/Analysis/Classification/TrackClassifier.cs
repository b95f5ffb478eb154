using AudioPlatform.Analysis.Engine;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace AudioPlatform.Analysis.Classification;

/// <summary>A label and its calibrated confidence (0..1).</summary>
public sealed record LabelScore(string Label, double Confidence);

/// <summary>
/// What the models say about one track: every label's probability, best first. Genres are exclusive (softmax, they sum
/// to 1); moods and instruments are independent yes/no models, so several (or none) can pass <see cref="TrackClassifier.Threshold"/>.
/// </summary>
public sealed record TrackClassification(IReadOnlyList<LabelScore> Genres, IReadOnlyList<LabelScore> Moods, IReadOnlyList<LabelScore> Instruments)
{
    public LabelScore TopGenre => Genres[0];

    public IReadOnlyList<LabelScore> LikelyMoods => Moods.Where(m => m.Confidence >= TrackClassifier.Threshold).ToList();

    public IReadOnlyList<LabelScore> LikelyInstruments => Instruments.Where(m => m.Confidence >= TrackClassifier.Threshold).ToList();

    /// <summary>Probability of a label by name, 0 when unknown.</summary>
    public double Probability(string label) =>
        Genres.Concat(Moods).Concat(Instruments).FirstOrDefault(s => s.Label == label)?.Confidence ?? 0;
}

/// <summary>
/// Loads the genre, mood and instrument models once and predicts from a feature vector. Safe to share between threads
/// (ML.NET prediction engines are not, so each is used under its own lock; a prediction takes well under a millisecond).
/// </summary>
public sealed class TrackClassifier
{
    /// <summary>Confidence from which a mood or instrument counts as present.</summary>
    public const double Threshold = 0.5;

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
        ClassifyModelInput(ModelFeatures.From(featureVector, schemaVersion));

    /// <summary>Classifies an already mapped model input (<see cref="ModelFeatures.From"/>).</summary>
    public TrackClassification ClassifyModelInput(float[] input)
    {
        var scores = _genre.Predict(new GenreRow { Features = input }).Score;
        var genres = _genreSlots.Select((label, i) => new LabelScore(label, scores[i])).OrderByDescending(s => s.Confidence).ThenBy(s => s.Label, StringComparer.Ordinal).ToList();
        var row = new FlagRow { Features = input };
        List<LabelScore> Flags((string Label, Predictor<FlagRow, FlagScore> Model)[] models) =>
            models.Select(m => new LabelScore(m.Label, Math.Clamp(m.Model.Predict(row).Probability, 0, 1)))
                .OrderByDescending(s => s.Confidence).ThenBy(s => s.Label, StringComparer.Ordinal).ToList();
        return new TrackClassification(genres, Flags(_moods), Flags(_instruments));
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
