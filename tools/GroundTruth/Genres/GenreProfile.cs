using AudioPlatform.GroundTruth.Composition;

namespace AudioPlatform.GroundTruth.Genres;

/// <summary>A hit on the sixteenth-note grid of one bar (GM percussion note numbers, channel 10).</summary>
public sealed record Hit(int Step, int Note, int Velocity);

/// <summary>One bar of drums or hand percussion, repeated; used only from <paramref name="MinIntensity"/> up (busier grooves for more intense pieces).</summary>
public sealed record Groove(string Name, IReadOnlyList<Hit> Hits, double MinIntensity = 0);

/// <summary>A bass note on the sixteenth grid: <paramref name="Interval"/> semitones above the chord root, <paramref name="Length"/> sixteenths long.</summary>
public sealed record BassStep(int Step, int Interval, int Length);

/// <summary>A bass line; <see cref="Walking"/> lines are built per bar (root, third, fifth, approach to the next root).</summary>
public sealed record BassLine(string Name, IReadOnlyList<BassStep> Steps, bool Walking = false);

/// <summary>When the chord instrument strikes (sixteenth steps), for how long, and how it voices (power chords, sevenths).</summary>
public sealed record Comping(string Name, IReadOnlyList<int> Steps, int Length, bool PowerChords = false);

/// <summary>
/// What a genre is made of: the style template's material. Everything a piece varies is drawn from these ranges and
/// lists, deterministically from its seed (<see cref="GenreStyle"/>).
/// </summary>
public sealed record GenreProfile
{
    public required string Name { get; init; }
    public required string Adjective { get; init; }
    public IReadOnlyList<Meter> Meters { get; init; } = [Meter.FourFour];
    public required (double Min, double Max) Tempo { get; init; }
    public double MinorShare { get; init; } = 0.5;
    public required (double Min, double Max) Intensity { get; init; }

    public IReadOnlyList<Groove> Drums { get; init; } = [];
    public double DrumShare { get; init; } = 1;
    public IReadOnlyList<Groove> Percussion { get; init; } = [];
    public double PercussionShare { get; init; }

    public IReadOnlyList<int> BassPrograms { get; init; } = [];
    public double BassShare { get; init; } = 1;
    public required IReadOnlyList<BassLine> BassLines { get; init; }

    public required IReadOnlyList<int> ChordPrograms { get; init; }
    public required IReadOnlyList<Comping> Compings { get; init; }
    public bool Sevenths { get; init; }

    public IReadOnlyList<int> MelodyPrograms { get; init; } = [];
    public double MelodyShare { get; init; }
    public IReadOnlyList<int> PadPrograms { get; init; } = [];
    public double PadShare { get; init; }

    /// <summary>Swing as a fraction of the grid unit the off-beat is delayed by; on eighths for jazz, on sixteenths otherwise.</summary>
    public (double Min, double Max) Swing { get; init; } = (0, 0);
    public bool SwingsEighths { get; init; }

    /// <summary>Reverb send (MIDI CC 91) range.</summary>
    public (int Min, int Max) Reverb { get; init; } = (10, 50);

    /// <summary>Chord progressions, as scale-degree chords, one chord per bar.</summary>
    public IReadOnlyList<IReadOnlyList<Chord>> MajorProgressions { get; init; } = Progressions.Major;
    public IReadOnlyList<IReadOnlyList<Chord>> MinorProgressions { get; init; } = Progressions.Minor;
}

public static class Progressions
{
    public static readonly Chord I = new(0, false, "I"), ii = new(2, true, "ii"), iii = new(4, true, "iii"), IV = new(5, false, "IV"),
        V = new(7, false, "V"), vi = new(9, true, "vi");
    public static readonly Chord i = new(0, true, "i"), iv = new(5, true, "iv"), v = new(7, true, "v"), III = new(3, false, "III"),
        VI = new(8, false, "VI"), VII = new(10, false, "VII");

    public static IReadOnlyList<IReadOnlyList<Chord>> Major { get; } =
        [[I, IV, V, I], [I, vi, IV, V], [I, V, vi, IV], [I, IV, vi, V], [I, vi, ii, V], [I, iii, IV, V]];

    public static IReadOnlyList<IReadOnlyList<Chord>> Minor { get; } =
        [[i, iv, V, i], [i, VI, III, VII], [i, VII, VI, V], [i, iv, VII, III], [i, VI, iv, V], [i, VI, VII, i]];

    /// <summary>Two-chord vamps, as house, techno and reggae use them.</summary>
    public static IReadOnlyList<IReadOnlyList<Chord>> MajorVamps { get; } = [[I, IV], [I, V], [IV, I], [I, ii]];

    public static IReadOnlyList<IReadOnlyList<Chord>> MinorVamps { get; } = [[i, iv], [i, VII], [i, VI], [i, v]];

    public static IReadOnlyList<IReadOnlyList<Chord>> JazzMajor { get; } = [[ii, V, I, I], [I, vi, ii, V], [iii, vi, ii, V]];

    public static IReadOnlyList<IReadOnlyList<Chord>> JazzMinor { get; } = [[iv, V, i, i], [i, VI, iv, V]];
}
