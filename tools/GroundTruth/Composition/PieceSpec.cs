using AudioPlatform.Engine.Tonal;

namespace AudioPlatform.GroundTruth.Composition;

/// <summary>A drum hit on the eighth-note grid of one bar (GM percussion note numbers).</summary>
public sealed record DrumHit(int Step, int Note, int Velocity);

/// <summary>
/// One bar of drums, repeated; a crash marks the first bar of each phrase. A pattern is used only between
/// <paramref name="MinBpm"/> and <paramref name="MaxBpm"/>: outside that range listeners would feel another
/// metrical level as the beat (a slow polka with eighth-note after-beats is heard at double tempo).
/// </summary>
public sealed record DrumPattern(string Name, IReadOnlyList<DrumHit> Hits, double MinBpm = 0, double MaxBpm = double.MaxValue)
{
    public bool Suits(double bpm) => bpm >= MinBpm && bpm <= MaxBpm;
}

/// <summary>A bass note on the eighth-note grid: <paramref name="Interval"/> semitones above the chord root, lasting until the next note.</summary>
public sealed record BassNote(int Step, int Interval, int Velocity);

public sealed record BassPattern(string Name, IReadOnlyList<BassNote> Notes);

/// <summary>When the chord instrument strikes within a bar (eighth-note steps) and for how many eighths each time.</summary>
public sealed record CompPattern(string Name, IReadOnlyList<int> Steps, int LengthInEighths);

/// <summary>A triad: root as semitones above the tonic, and its quality.</summary>
public sealed record Chord(int Root, bool Minor, string Numeral)
{
    public int[] Intervals => Minor ? [0, 3, 7] : [0, 4, 7];
}

/// <summary>General MIDI programs (0-based) of the pitched parts.</summary>
public sealed record Instrumentation(int Chords, int Bass, int Melody);

/// <summary>
/// Everything that defines one generated piece. The ground truth is <see cref="Bpm"/> (beats per minute of the
/// metre's beat), <see cref="Key"/> and <see cref="Meter"/>; the rest shapes how it sounds. A style template fills it
/// in; the composer turns it into MIDI deterministically from <see cref="Seed"/>.
/// </summary>
public sealed record PieceSpec(
    string Id,
    int Seed,
    string Style,
    double Bpm,
    MusicalKey Key,
    Meter Meter,
    int Bars,
    IReadOnlyList<Chord> Progression,
    Instrumentation Instruments,
    DrumPattern Drums,
    BassPattern Bass,
    CompPattern Comp,
    string SoundFont,
    double Swing = 0,
    int IntroBars = 0,
    double MelodyDensity = 0.7)
{
    /// <summary>Intro, body and the closing bar.</summary>
    public int TotalBars => IntroBars + Bars + 1;

    public double DurationSeconds => TotalBars * Meter.BeatsPerBar * 60 / Bpm;
}
