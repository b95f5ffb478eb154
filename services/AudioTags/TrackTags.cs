namespace AudioPlatform.AudioTags;

/// <summary>What is written into a file's tags: each value the user corrected or the analysis found, null to leave the file's own.</summary>
/// <param name="Key">A key as the platform names it: "A minor", "F# major".</param>
/// <param name="Camelot">"8A".</param>
public sealed record TrackTags(double? TempoBpm, string? Key, string? Camelot, IReadOnlyList<string> Genres, IReadOnlyList<string> Moods)
{
    /// <summary>
    /// The key in the notation of ID3v2's TKEY frame and the INITIALKEY Vorbis comment, which DJ software reads: at most
    /// three characters, "A", "Bb", "C#m" ("m" for minor). Null for a key the platform did not name.
    /// </summary>
    public string? InitialKey
    {
        get
        {
            if (Key?.Split(' ', StringSplitOptions.RemoveEmptyEntries) is not [var tonic, var mode] ||
                tonic.Length is < 1 or > 2 || tonic[0] is < 'A' or > 'G' || tonic.Length == 2 && tonic[1] is not ('#' or 'b'))
            {
                return null;
            }
            return mode switch
            {
                "minor" => tonic + "m",
                "major" => tonic,
                _ => null,
            };
        }
    }

    /// <summary>The whole BPM as ID3v2's TBPM holds it (an integer string); the exact value goes into the BPM Vorbis comment.</summary>
    public int? WholeBpm => TempoBpm is > 0 and < 1000 ? (int)Math.Round(TempoBpm.Value) : null;
}
