namespace AudioPlatform.Similarity;

/// <summary>
/// A classifier's label and its calibrated confidence (0..1): the one label shape of the platform, <c>{ name, confidence }</c>
/// in every JSON document and API response. A class with settable properties (not a positional record) so both track
/// stores map it without attributes.
/// </summary>
public sealed record LabelScore
{
    public LabelScore()
    {
    }

    public LabelScore(string name, double confidence)
    {
        Name = name;
        Confidence = confidence;
    }

    public string Name { get; init; } = "";

    public double Confidence { get; init; }
}
