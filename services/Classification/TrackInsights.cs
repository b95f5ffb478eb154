using AudioPlatform.Classification.Similarity;
using AudioPlatform.Similarity.Tagging;
using AudioPlatform.Engine;

namespace AudioPlatform.Classification;

/// <summary>Everything the models add to one analysis: labels with confidences, tags, a description and the similarity embedding.</summary>
public sealed record TrackInsights(TrackClassification Classification, IReadOnlyList<string> Tags, string Description, float[] Embedding)
{
    public TrackProfile Profile(TrackFacts facts) => new(facts, Classification, Embedding);
}

/// <summary>Builds <see cref="TrackInsights"/> from an analysis with one loaded <see cref="TrackClassifier"/>.</summary>
public sealed class TrackAnnotator(TrackClassifier classifier)
{
    /// <exception cref="InvalidFeatureVectorException">The analysis has no usable feature vector.</exception>
    public TrackInsights Annotate(AudioAnalysis analysis) => Annotate(analysis.FeatureVector, TrackFactsFromAnalysis.From(analysis));

    /// <exception cref="InvalidFeatureVectorException">The vector is missing, has the wrong length, NaN or infinite values, or another schema version.</exception>
    public TrackInsights Annotate(float[]? featureVector, TrackFacts facts, int schemaVersion = FeatureVector.SchemaVersion)
    {
        var input = ModelFeatures.From(featureVector, schemaVersion);
        var classification = classifier.ClassifyModelInput(featureVector!, input);
        var wording = TrackWording.For(facts, classification);
        return new TrackInsights(classification, wording.Tags, wording.Description, SimilarityEmbedding.Build(input, classification, classifier.Info));
    }
}
