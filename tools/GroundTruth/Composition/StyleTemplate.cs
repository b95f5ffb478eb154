using AudioPlatform.Engine.Tonal;

namespace AudioPlatform.GroundTruth.Composition;

/// <summary>What a caller may fix about a piece; anything left null is chosen by the style.</summary>
public sealed record PieceRequest(int Seed, MusicalKey? Key = null, Meter? Meter = null, double? Bpm = null, double TargetSeconds = 30, string? SoundFont = null, string? Id = null);

/// <summary>
/// A style decides what a piece is made of (tempo range, metres, progressions, instruments, patterns, swing) and
/// may override how it is composed. The generic style below makes the ground-truth set; genre styles (for the
/// genre, mood and instrument classifiers) subclass this and choose their own material.
/// </summary>
public abstract class StyleTemplate
{
    public abstract string Name { get; }

    /// <summary>The metres this style writes in.</summary>
    public abstract IReadOnlyList<Meter> Meters { get; }

    /// <summary>The tempo range, in beats per minute of the metre's beat.</summary>
    public abstract (double Min, double Max) TempoRange(Meter meter);

    /// <summary>Chooses every free property of the piece, deterministically from the request's seed.</summary>
    public abstract PieceSpec Design(PieceRequest request, IReadOnlyList<string> soundFonts);

    /// <summary>Turns the design into MIDI.</summary>
    public virtual Midi.MidiFile Compose(PieceSpec spec) => PieceComposer.Compose(spec);

    protected static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
