namespace AudioPlatform.Classification.Similarity;

/// <summary>
/// A fixed-length, L2-normalised embedding per track, for cosine nearest neighbours. It is made of blocks, each scaled to
/// unit length and then multiplied by the square root of its share, so that the cosine of two embeddings is the
/// share-weighted average of the blocks' own cosines (when every block is non-zero). The shares:
/// <list type="bullet">
/// <item>genre probabilities 0.35: the strongest single cue for "sounds like" and the best-measured model;</item>
/// <item>mood probabilities 0.15 and instrument probabilities 0.15: what producers search by after genre;</item>
/// <item>timbre 0.15 (standardised MFCC, spectral shape, zero-crossing statistics): the sound beyond the labels;</item>
/// <item>rhythm 0.12 (tempo, pulse clarity, onset rate, danceability, metre, where the onsets fall in the beat): tempo matters for mixing;</item>
/// <item>tonality 0.04 and dynamics 0.04 (mode, key-relative chroma; loudness, range, energy, valence): small, because
/// key and loudness are better compared exactly (<see cref="SimilarityExplainer"/> reports them) than by distance.</item>
/// </list>
/// Standardised features are clipped to ±4 standard deviations so one extreme value cannot dominate a block.
/// </summary>
public static class SimilarityEmbedding
{
    public const int Version = 1;

    public const double GenreShare = 0.35, MoodShare = 0.15, InstrumentShare = 0.15, TimbreShare = 0.15, RhythmShare = 0.12, TonalShare = 0.04, DynamicsShare = 0.04;

    /// <summary>The share of each block; <see cref="Default"/> is what the service uses (the constants above).</summary>
    public sealed record Shares(double Genre, double Mood, double Instrument, double Timbre, double Rhythm, double Tonal, double Dynamics)
    {
        public static Shares Default { get; } = new(GenreShare, MoodShare, InstrumentShare, TimbreShare, RhythmShare, TonalShare, DynamicsShare);
    }

    private enum Block { Timbre, Rhythm, Tonal, Dynamics }

    private static Block BlockOf(string feature) => feature switch
    {
        "tempoBpm" or "tempoConfidence" or "timeSignatureNumerator" or "timeSignatureIsCompound" or "onsetRate" or "danceability" => Block.Rhythm,
        _ when feature.StartsWith("onset", StringComparison.Ordinal) || feature.StartsWith("backbeat", StringComparison.Ordinal) => Block.Rhythm,
        "keyConfidence" or "keyIsMajor" => Block.Tonal,
        _ when feature.StartsWith("chromaRelative", StringComparison.Ordinal) => Block.Tonal,
        "loudnessLufs" or "loudnessRangeLu" or "truePeakDbtp" or "rmsDbfs" or "energy" or "valence" => Block.Dynamics,
        _ => Block.Timbre,
    };

    private static readonly Block[] FeatureBlocks = ModelFeatures.Names.Select(BlockOf).ToArray();

    /// <summary>Embedding length for a set of models: every model input, then genres, moods, instruments.</summary>
    public static int Length(ModelInfo info) => ModelFeatures.Length + info.Genres.Count + info.Moods.Count + info.Instruments.Count;

    /// <param name="modelInput">The track's model input (<see cref="ModelFeatures.From"/>).</param>
    public static float[] Build(float[] modelInput, TrackClassification classification, ModelInfo info) =>
        Build(modelInput, classification, info, Shares.Default);

    public static float[] Build(float[] modelInput, TrackClassification classification, ModelInfo info, Shares shares)
    {
        if (modelInput.Length != ModelFeatures.Length)
            throw new ArgumentException($"Expected {ModelFeatures.Length} model inputs, got {modelInput.Length}.", nameof(modelInput));
        var embedding = new float[Length(info)];
        for (var i = 0; i < modelInput.Length; i++)
        {
            var std = info.FeatureStds[i] > 1e-9f ? info.FeatureStds[i] : 1f;
            embedding[i] = Math.Clamp((modelInput[i] - info.FeatureMeans[i]) / std, -4f, 4f);
        }
        foreach (var block in Enum.GetValues<Block>())
            ScaleBlock(embedding, Enumerable.Range(0, ModelFeatures.Length).Where(i => FeatureBlocks[i] == block), Share(block, shares));

        var offset = ModelFeatures.Length;
        offset = Place(embedding, offset, info.Genres, classification.Genres, shares.Genre);
        offset = Place(embedding, offset, info.Moods, classification.Moods, shares.Mood);
        Place(embedding, offset, info.Instruments, classification.Instruments, shares.Instrument);
        Normalise(embedding);
        return embedding;
    }

    /// <summary>The cosine of two embeddings; see <see cref="Embeddings.Cosine"/>.</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => Embeddings.Cosine(a, b);

    private static double Share(Block block, Shares shares) => block switch
    {
        Block.Timbre => shares.Timbre,
        Block.Rhythm => shares.Rhythm,
        Block.Tonal => shares.Tonal,
        _ => shares.Dynamics,
    };

    private static int Place(float[] embedding, int offset, IReadOnlyList<string> labels, IReadOnlyList<LabelScore> scores, double share)
    {
        for (var i = 0; i < labels.Count; i++)
            embedding[offset + i] = (float)(scores.FirstOrDefault(s => s.Name == labels[i])?.Confidence ?? 0);
        ScaleBlock(embedding, Enumerable.Range(offset, labels.Count), share);
        return offset + labels.Count;
    }

    private static void ScaleBlock(float[] embedding, IEnumerable<int> indices, double share)
    {
        var list = indices.ToList();
        var norm = Math.Sqrt(list.Sum(i => (double)embedding[i] * embedding[i]));
        var scale = norm > 1e-12 ? Math.Sqrt(share) / norm : 0;
        foreach (var i in list) embedding[i] = (float)(embedding[i] * scale);
    }

    private static void Normalise(float[] embedding)
    {
        var norm = Math.Sqrt(embedding.Sum(v => (double)v * v));
        if (norm <= 1e-12) return;
        for (var i = 0; i < embedding.Length; i++) embedding[i] = (float)(embedding[i] / norm);
    }
}
