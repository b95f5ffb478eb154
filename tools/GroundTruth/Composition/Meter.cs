namespace AudioPlatform.GroundTruth.Composition;

/// <summary>
/// A metre as the generator writes it. Every metre is built on an eighth-note grid; the beat is the quarter note
/// in x/4 and the dotted quarter in 6/8 (so a 6/8 piece at 80 BPM has 80 dotted quarters a minute).
/// </summary>
public sealed record Meter(int Numerator, int Denominator, int BeatsPerBar, int EighthsPerBeat)
{
    public static Meter TwoFour { get; } = new(2, 4, 2, 2);
    public static Meter ThreeFour { get; } = new(3, 4, 3, 2);
    public static Meter FourFour { get; } = new(4, 4, 4, 2);
    public static Meter SixEight { get; } = new(6, 8, 2, 3);

    public static IReadOnlyList<Meter> All { get; } = [TwoFour, ThreeFour, FourFour, SixEight];

    public int EighthsPerBar => BeatsPerBar * EighthsPerBeat;

    /// <summary>Quarter notes per minute for a tempo in beats per minute (MIDI tempo is always in quarters).</summary>
    public double QuarterNotesPerMinute(double beatsPerMinute) => beatsPerMinute * EighthsPerBeat / 2.0;

    public override string ToString() => $"{Numerator}/{Denominator}";

    public static Meter Parse(string text)
    {
        foreach (var meter in All) if (meter.ToString() == text.Trim()) return meter;
        throw new FormatException($"Unknown metre '{text}'; expected one of 2/4, 3/4, 4/4, 6/8.");
    }
}
