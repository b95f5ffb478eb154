namespace AudioPlatform.GroundTruth.Genres;

/// <summary>
/// The labels the genre, mood and instrument classifiers learn. Genres are the style templates' names; moods are
/// derived from what a piece is made of (<see cref="MoodRules"/>); instruments from its General MIDI programs and drum
/// parts (<see cref="InstrumentOfProgram"/>).
/// </summary>
public static class LabelVocabulary
{
    public static IReadOnlyList<string> Genres { get; } = GenreCatalog.All.Select(g => g.Name).ToArray();

    public static IReadOnlyList<string> Moods { get; } = ["energetic", "calm", "happy", "sad", "dark", "uplifting", "aggressive", "relaxed"];

    public static IReadOnlyList<string> Instruments { get; } = ["drums", "bass", "piano", "guitar", "strings", "brass", "synth", "organ", "percussion"];

    /// <summary>The instrument label of a General MIDI program (0-based), or null for families outside the vocabulary (mallets, choir, reeds, pipes, ethnic, effects).</summary>
    public static string? InstrumentOfProgram(int program) => program switch
    {
        < 0 => null,
        <= 7 => "piano",
        <= 15 => null,
        <= 23 => "organ",
        <= 31 => "guitar",
        <= 39 => "bass",
        <= 51 => "strings",
        <= 55 => null,
        <= 63 => "brass",
        <= 79 => null,
        <= 103 => "synth",
        _ => null,
    };
}

/// <summary>
/// Moods as rules over the piece's audible make-up (tempo, mode, intensity, drums). They are proxies chosen so that a
/// listener would mostly agree and the features can see them, not listener ratings.
/// </summary>
public static class MoodRules
{
    public static IReadOnlyList<string> Of(double bpm, bool minor, double intensity, bool hasDrums)
    {
        var moods = new List<string>();
        if (intensity >= 0.55 && bpm >= 110 && hasDrums) moods.Add("energetic");
        if (intensity < 0.35 && (bpm < 100 || !hasDrums)) moods.Add("calm");
        if (!minor && bpm >= 95 && intensity >= 0.3) moods.Add("happy");
        if (minor && bpm < 100 && intensity < 0.5) moods.Add("sad");
        if (minor && intensity >= 0.45) moods.Add("dark");
        if (!minor && intensity >= 0.5 && bpm >= 110) moods.Add("uplifting");
        if (intensity >= 0.8 && bpm >= 120) moods.Add("aggressive");
        if (intensity < 0.5 && bpm < 115 && intensity >= 0.15) moods.Add("relaxed");
        return moods;
    }
}
