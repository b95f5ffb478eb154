using System.Globalization;

namespace AudioPlatform.Similarity.Tagging;

/// <summary>
/// Tags from a small controlled vocabulary (lower-case, hyphenated), built from the measured facts and the models'
/// likely labels, so a library can filter on them:
/// <list type="bullet">
/// <item>the top genre when the model gives it at least <see cref="GenreConfidence"/> (<c>house</c>, <c>drum-and-bass</c>),
/// or <c>labels-unknown</c> (and no genre, mood or instrument) for a track the models do not know;</item>
/// <item>tempo: <c>128-bpm</c> (rounded) and <c>slow</c> (under 90), <c>mid-tempo</c> or <c>uptempo</c> (over 120), or
/// <c>tempo-uncertain</c> when half or double is nearly as likely; nothing without a beat;</item>
/// <item>key: <c>a-minor</c>, <c>f-sharp-major</c>, <c>b-flat-minor</c> and <c>camelot-8a</c>; metre when not 4/4: <c>3-4-time</c>, <c>6-8-time</c>;</item>
/// <item>likely moods and instruments by name (<c>energetic</c>, <c>dark</c>, <c>piano</c>, <c>drums</c>);</item>
/// <item><c>four-on-the-floor</c> when house and techno together are at least 60 % likely in 4/4 between 115 and 150 BPM
/// (inferred from the genre, since the engine does not transcribe drums);</item>
/// <item>mastering: <c>loud-master</c> (above −10 LUFS), <c>quiet-master</c> (below −20 LUFS), <c>wide-dynamics</c>
/// (loudness range over 10 LU), <c>true-peak-over-0db</c>;</item>
/// <item><c>high-energy</c> (energy ≥ 0.7), <c>low-energy</c> (≤ 0.3), <c>danceable</c> (danceability ≥ 0.7).</item>
/// </list>
/// </summary>
public static class TagBuilder
{
    public const double GenreConfidence = TrackClassification.NamedGenreConfidence;

    /// <summary>The tag of a track the models do not know (silence, tones, noise, speech): no genre, mood or instrument tag.</summary>
    public const string LabelsUnknown = "labels-unknown";

    public static IReadOnlyList<string> Build(TrackFacts facts, TrackClassification classification)
    {
        var tags = new List<string>();
        if (classification.ConfidentGenre(GenreConfidence) is { } genre) tags.Add(genre.Name);
        if (classification.IsUnknown) tags.Add(LabelsUnknown);

        if (facts.TempoBpm is { } bpm)
        {
            tags.Add($"{Math.Round(bpm).ToString(CultureInfo.InvariantCulture)}-bpm");
            // Slow against uptempo is exactly what an octave doubt leaves open.
            if (facts.TempoAmbiguous) tags.Add("tempo-uncertain");
            else tags.Add(bpm < 90 ? "slow" : bpm <= 120 ? "mid-tempo" : "uptempo");
        }
        if (KeyTag(facts.Key) is { } key) tags.Add(key);
        if (!string.IsNullOrWhiteSpace(facts.Camelot)) tags.Add($"camelot-{facts.Camelot.ToLowerInvariant()}");
        if (facts.TimeSignature is "3/4" or "6/8" or "2/4") tags.Add($"{facts.TimeSignature.Replace('/', '-')}-time");

        tags.AddRange(classification.LikelyMoods.Select(m => m.Name));
        tags.AddRange(classification.LikelyInstruments.Select(i => i.Name));

        if (!classification.IsUnknown && classification.Probability("house") + classification.Probability("techno") >= 0.6 && facts.TimeSignature == "4/4" && facts.TempoBpm is >= 115 and <= 150)
            tags.Add("four-on-the-floor");

        if (facts.LoudnessLufs > -10) tags.Add("loud-master");
        else if (facts.LoudnessLufs < -20) tags.Add("quiet-master");
        if (facts.LoudnessRangeLu > 10) tags.Add("wide-dynamics");
        if (facts.TruePeakDbtp > 0) tags.Add("true-peak-over-0db");

        if (facts.Energy >= 0.7) tags.Add("high-energy");
        else if (facts.Energy <= 0.3) tags.Add("low-energy");
        if (facts.Danceability >= 0.7) tags.Add("danceable");
        return tags.Distinct().ToList();
    }

    /// <summary>"A minor" → "a-minor", "F# major" → "f-sharp-major", "Bb minor" → "b-flat-minor"; null when there is no key.</summary>
    public static string? KeyTag(string? key)
    {
        if (string.IsNullOrWhiteSpace(key)) return null;
        var parts = key.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || parts[0].Length is 0 or > 2) return null;
        var tonic = parts[0];
        var name = char.ToLowerInvariant(tonic[0]).ToString();
        if (tonic.Length == 2) name += tonic[1] switch { '#' => "-sharp", 'b' => "-flat", _ => "" };
        return $"{name}-{parts[1].ToLowerInvariant()}";
    }
}
