using System.Diagnostics.CodeAnalysis;

namespace AudioPlatform.Mixing;

/// <summary>
/// A key as a person types it ("A minor", "F#m", "Bb", "8A") read into the name the analysis gives the same key ("A minor",
/// "F# major": the engine's spelling, so a typed key and an analysed one filter alike) and its <see cref="CamelotKey"/>.
/// </summary>
public static class KeyName
{
    // The engine's spelling of each pitch class (0 = C) per mode: flats for major keys, sharps for C#, G# minor.
    private static readonly string[] MajorTonics = ["C", "Db", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"];
    private static readonly string[] MinorTonics = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "G#", "A", "Bb", "B"];
    private static readonly int[] NaturalPitch = [9, 11, 0, 2, 4, 5, 7]; // A B C D E F G

    /// <summary>False for anything that names no major or minor key.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out string? name, out CamelotKey camelot)
    {
        (name, camelot) = (null, default);
        var s = text?.Trim();
        if (string.IsNullOrEmpty(s)) return false;
        if (CamelotKey.TryParse(s, out camelot))
        {
            // Camelot n is a fifth (7 semitones) per step from 8B = C major; nA is the relative minor of nB.
            var major = ((camelot.Number - 8) * 7 % 12 + 12) % 12;
            name = camelot.Letter == 'B' ? $"{MajorTonics[major]} major" : $"{MinorTonics[(major + 9) % 12]} minor";
            return true;
        }

        var letter = char.ToUpperInvariant(s[0]);
        if (letter is < 'A' or > 'G') return false;
        var pitch = NaturalPitch[letter - 'A'];
        var i = 1;
        for (; i < s.Length && s[i] is '#' or 'b' or '♯' or '♭'; i++)
        {
            pitch += s[i] is '#' or '♯' ? 1 : -1;
        }

        pitch = (pitch % 12 + 12) % 12;
        bool? minor = s[i..].Trim().ToLowerInvariant() switch
        {
            "" or "maj" or "major" => false,
            "m" or "min" or "minor" => true,
            _ => null,
        };
        if (minor is null) return false;
        name = minor.Value ? $"{MinorTonics[pitch]} minor" : $"{MajorTonics[pitch]} major";
        var relativeMajor = minor.Value ? (pitch + 3) % 12 : pitch;
        camelot = new CamelotKey((relativeMajor * 7 % 12 + 7) % 12 + 1, minor.Value ? 'A' : 'B');
        return true;
    }
}
