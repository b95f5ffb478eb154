namespace AudioPlatform.Similarity.Tagging;

/// <summary>
/// A track's generated tags and description, written from one set of values: the one function both the analysis (from
/// what the engine measured and the models said) and the Library (from the values in force, the owner's corrections
/// over the analysis's) call, so a corrected tempo, key, metre, genre, mood or instruments is what the words say.
/// </summary>
public sealed record TrackWording(IReadOnlyList<string> Tags, string Description)
{
    public static TrackWording For(TrackFacts facts, TrackClassification classification) =>
        new(TagBuilder.Build(facts, classification), DescriptionWriter.Write(facts, classification));
}
