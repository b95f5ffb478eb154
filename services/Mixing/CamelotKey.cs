using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace AudioPlatform.Mixing;

/// <summary>
/// A key on the Camelot wheel: 1–12 (each step clockwise is a fifth up) and A (minor) or B (major).
/// 8A is A minor, 8B C major; 8A and 8B share their notes.
/// </summary>
public readonly record struct CamelotKey
{
    public CamelotKey(int number, char letter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, 12);
        letter = char.ToUpperInvariant(letter);
        if (letter is not ('A' or 'B')) throw new ArgumentOutOfRangeException(nameof(letter), letter, "A Camelot key's letter is A or B.");
        Number = number;
        Letter = letter;
    }

    public int Number { get; }

    /// <summary>A for minor keys, B for major keys.</summary>
    public char Letter { get; }

    /// <summary>The key <paramref name="steps"/> positions clockwise (negative: anticlockwise), same letter.</summary>
    public CamelotKey Rotate(int steps) => new(((Number - 1 + steps) % 12 + 12) % 12 + 1, Letter);

    /// <summary>The relative major or minor: same number, other letter.</summary>
    public CamelotKey Relative => new(Number, Letter == 'A' ? 'B' : 'A');

    /// <summary>Clockwise distance from this key's number to <paramref name="other"/>'s, −5..6.</summary>
    public int StepsTo(CamelotKey other)
    {
        var steps = ((other.Number - Number) % 12 + 12) % 12;
        return steps > 6 ? steps - 12 : steps;
    }

    public override string ToString() => Number.ToString(CultureInfo.InvariantCulture) + Letter;

    /// <summary>Parses "8A", "12b"; false for anything else, null and blanks included.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out CamelotKey key)
    {
        key = default;
        var s = text?.Trim();
        if (s is null || s.Length is < 2 or > 3) return false;
        var letter = char.ToUpperInvariant(s[^1]);
        if (letter is not ('A' or 'B') ||
            !int.TryParse(s.AsSpan(0, s.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ||
            number is < 1 or > 12)
        {
            return false;
        }
        key = new CamelotKey(number, letter);
        return true;
    }
}
