namespace AudioPlatform.Engine.Tonal;

public enum KeyMode
{
    Major,
    Minor,
}

/// <summary>A key: tonic pitch class (0 = C … 11 = B) and mode.</summary>
public readonly record struct MusicalKey(int Tonic, KeyMode Mode)
{
    private static readonly string[] MajorNames = ["C", "Db", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"];
    private static readonly string[] MinorNames = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "G#", "A", "Bb", "B"];

    /// <summary>The tonic as it is usually spelled for this mode, e.g. "F#" or "Bb".</summary>
    public string TonicName => (Mode == KeyMode.Major ? MajorNames : MinorNames)[Mod12(Tonic)];

    /// <summary>E.g. "A minor", "F# major".</summary>
    public string Name => $"{TonicName} {(Mode == KeyMode.Major ? "major" : "minor")}";

    /// <summary>Camelot wheel notation: 8B = C major, 8A = A minor, neighbours a fifth apart.</summary>
    public string Camelot => Tonal.Camelot.Of(this);

    /// <summary>The key sharing the same notes in the other mode (A minor for C major).</summary>
    public MusicalKey RelativeKey() => Mode == KeyMode.Major ? new(Mod12(Tonic + 9), KeyMode.Minor) : new(Mod12(Tonic + 3), KeyMode.Major);

    public override string ToString() => Name;

    /// <summary>Parses "A minor", "F# major", "Bbm", "C#", "Am", "8A" (Camelot).</summary>
    public static bool TryParse(string? text, out MusicalKey key)
    {
        key = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        if (Tonal.Camelot.TryParse(s, out key)) return true;
        var letters = "C D EF G A B";
        var tonic = letters.IndexOf(char.ToUpperInvariant(s[0]));
        if (tonic < 0) return false;
        var i = 1;
        while (i < s.Length && (s[i] == '#' || s[i] == 'b' || s[i] == '♯' || s[i] == '♭'))
        {
            tonic += s[i] == '#' || s[i] == '♯' ? 1 : -1;
            i++;
        }
        var rest = s[i..].Trim().ToLowerInvariant();
        KeyMode mode;
        if (rest is "" or "maj" or "major") mode = KeyMode.Major;
        else if (rest is "m" or "min" or "minor") mode = KeyMode.Minor;
        else return false;
        key = new MusicalKey(Mod12(tonic), mode);
        return true;
    }

    internal static int Mod12(int value) => ((value % 12) + 12) % 12;
}

/// <summary>Camelot wheel notation for DJs.</summary>
public static class Camelot
{
    /// <summary>1..12 number of a key on the wheel: C major and A minor are 8; each step clockwise is a fifth up.</summary>
    public static int Number(MusicalKey key)
    {
        var major = key.Mode == KeyMode.Major ? key.Tonic : key.RelativeKey().Tonic;
        return (MusicalKey.Mod12(major * 7) + 7) % 12 + 1;
    }

    public static string Of(MusicalKey key) => $"{Number(key)}{(key.Mode == KeyMode.Major ? 'B' : 'A')}";

    public static bool TryParse(string text, out MusicalKey key)
    {
        key = default;
        if (text.Length is < 2 or > 3) return false;
        var letter = char.ToUpperInvariant(text[^1]);
        if (letter is not ('A' or 'B') || !int.TryParse(text[..^1], out var number) || number is < 1 or > 12) return false;
        // Inverse of Number: major tonic = (number - 8) fifths from C.
        var major = MusicalKey.Mod12((number - 8) * 7);
        key = letter == 'B' ? new MusicalKey(major, KeyMode.Major) : new MusicalKey(major, KeyMode.Major).RelativeKey();
        return true;
    }
}

/// <summary>
/// The estimated key with a confidence (0..1: the share of the best key in a softmax over all 24 key scores)
/// and the runner-up key.
/// </summary>
public sealed record KeyEstimate(MusicalKey Key, double Confidence, MusicalKey RunnerUp, double Score, double RunnerUpScore)
{
    /// <summary>The runner-up's share of the same softmax as <see cref="Confidence"/>.</summary>
    public double RunnerUpConfidence { get; init; }

    public string Name => Key.Name;

    public string Camelot => Key.Camelot;
}

/// <summary>A key, or none with the reason (silence, a single pitch, no tonal centre).</summary>
public sealed record KeyDecision(KeyEstimate? Estimate, string? MissingReason)
{
    public static KeyDecision None(string reason) => new(null, reason);
}
