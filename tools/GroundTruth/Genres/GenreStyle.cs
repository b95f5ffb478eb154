using System.Runtime.CompilerServices;
using AudioPlatform.Engine.Tonal;
using AudioPlatform.GroundTruth.Composition;

namespace AudioPlatform.GroundTruth.Genres;

/// <summary>What plays in a genre piece, beyond the <see cref="PieceSpec"/> every style fills in. Absent parts are null.</summary>
public sealed record Arrangement(
    Groove? Drums,
    Groove? Percussion,
    int? BassProgram,
    BassLine Bass,
    int ChordProgram,
    Comping Comping,
    bool Sevenths,
    int? MelodyProgram,
    int? PadProgram,
    double Intensity,
    double Swing,
    bool SwingsEighths);

/// <summary>How a piece is mixed and mastered: effect sends, part levels (MIDI CC 7), then master gain, filters and noise after rendering.</summary>
public sealed record Production(
    int Reverb,
    int Chorus,
    int DrumVolume,
    int BassVolume,
    int ChordVolume,
    int MelodyVolume,
    int PadVolume,
    double MasterGainDb,
    double HighpassHz,
    double LowpassHz,
    double NoiseDbfs);

/// <summary>The labels a generated piece carries.</summary>
public sealed record PieceLabels(string Genre, IReadOnlyList<string> Moods, IReadOnlyList<string> Instruments);

/// <summary>A genre piece: the common spec, its arrangement, its production and its labels.</summary>
public sealed record GenrePiece(PieceSpec Spec, Arrangement Arrangement, Production Production, PieceLabels Labels);

/// <summary>
/// A style template for one genre (<see cref="GenreProfile"/>): draws tempo, key, intensity, grooves, instruments,
/// swing and mix from the profile, deterministically from the request's seed, and labels the piece.
/// </summary>
public sealed class GenreStyle(GenreProfile profile) : StyleTemplate
{
    // Compose receives only the common spec; the arrangement designed with it is kept here, keyed by the spec instance.
    private readonly ConditionalWeakTable<PieceSpec, GenrePiece> _designed = new();

    public GenreProfile Profile { get; } = profile;

    public override string Name => Profile.Name;

    public override IReadOnlyList<Meter> Meters => Profile.Meters;

    public override (double Min, double Max) TempoRange(Meter meter) => Profile.Tempo;

    public override PieceSpec Design(PieceRequest request, IReadOnlyList<string> soundFonts) => DesignPiece(request, soundFonts).Spec;

    public override Midi.MidiFile Compose(PieceSpec spec) =>
        _designed.TryGetValue(spec, out var piece)
            ? GenreComposer.Compose(piece)
            : throw new InvalidOperationException($"Piece {spec.Id} was not designed by this {Name} style; compose a GenrePiece with GenreComposer instead.");

    public GenrePiece DesignPiece(PieceRequest request, IReadOnlyList<string> soundFonts)
    {
        var p = Profile;
        var random = new Random(request.Seed);
        double Between((double Min, double Max) range) => range.Min + (range.Max - range.Min) * random.NextDouble();
        bool Chance(double share) => random.NextDouble() < share;

        var meter = request.Meter ?? Pick(random, p.Meters);
        var key = request.Key ?? new MusicalKey(random.Next(12), Chance(p.MinorShare) ? KeyMode.Minor : KeyMode.Major);
        var bpm = request.Bpm ?? Math.Round(Between(p.Tempo), 1);
        var intensity = Math.Round(Between(p.Intensity), 3);

        var grooves = p.Drums.Where(g => g.MinIntensity <= intensity).ToList();
        var drums = grooves.Count > 0 && Chance(p.DrumShare) ? Pick(random, grooves) : null;
        var percussion = p.Percussion.Count > 0 && Chance(p.PercussionShare) ? Pick(random, p.Percussion) : null;
        int? bassProgram = p.BassPrograms.Count > 0 && Chance(p.BassShare) ? Pick(random, p.BassPrograms) : null;
        var bassLine = Pick(random, p.BassLines);
        var chordProgram = Pick(random, p.ChordPrograms);
        var comping = Pick(random, p.Compings);
        int? melody = p.MelodyPrograms.Count > 0 && Chance(p.MelodyShare) ? Pick(random, p.MelodyPrograms) : null;
        int? pad = p.PadPrograms.Count > 0 && Chance(p.PadShare) ? Pick(random, p.PadPrograms) : null;
        var swing = Math.Round(Between(p.Swing), 3);
        var progression = Pick(random, key.Mode == KeyMode.Major ? p.MajorProgressions : p.MinorProgressions);

        var barSeconds = meter.BeatsPerBar * 60 / bpm;
        var bars = Math.Max(progression.Count * Math.Max(1, 4 / progression.Count),
            (int)Math.Round(request.TargetSeconds / barSeconds / progression.Count) * progression.Count);

        var arrangement = new Arrangement(drums, percussion, bassProgram, bassLine, chordProgram, comping, p.Sevenths, melody, pad, intensity, swing, p.SwingsEighths);
        // Louder masters for more intense pieces, as producers master them, with ±2 dB of spread.
        var production = new Production(
            Reverb: random.Next(p.Reverb.Min, p.Reverb.Max + 1),
            Chorus: random.Next(0, 60),
            DrumVolume: random.Next(90, 121),
            BassVolume: random.Next(85, 116),
            ChordVolume: random.Next(70, 106),
            MelodyVolume: random.Next(80, 111),
            PadVolume: random.Next(55, 91),
            MasterGainDb: Math.Round(-8 + 12 * intensity + 4 * (random.NextDouble() - 0.5), 2),
            HighpassHz: Math.Round(20 + 100 * random.NextDouble()),
            LowpassHz: Chance(0.5) ? 20_000 : Math.Round(7_000 + 11_000 * random.NextDouble()),
            NoiseDbfs: Math.Round(-75 + 35 * random.NextDouble(), 1));

        var soundFont = request.SoundFont ?? Pick(random, soundFonts);
        var spec = new PieceSpec(
            request.Id ?? $"{Name}-{request.Seed}",
            request.Seed,
            Name,
            bpm,
            key,
            meter,
            bars,
            progression,
            new Instrumentation(chordProgram, bassProgram ?? -1, melody ?? -1),
            new DrumPattern(drums?.Name ?? "none", drums is null ? [] : drums.Hits.Where(h => h.Step % 2 == 0).Select(h => new DrumHit(h.Step / 2, h.Note, h.Velocity)).ToList()),
            new BassPattern(bassLine.Name, bassLine.Steps.Where(s => s.Step % 2 == 0).Select(s => new BassNote(s.Step / 2, s.Interval, 100)).ToList()),
            new CompPattern(comping.Name, comping.Steps.Where(s => s % 2 == 0).Select(s => s / 2).ToList(), Math.Max(1, comping.Length / 2)),
            soundFont,
            Swing: swing,
            MelodyDensity: 0.4 + 0.5 * intensity);

        var piece = new GenrePiece(spec, arrangement, production, LabelsOf(spec, arrangement));
        _designed.AddOrUpdate(spec, piece);
        return piece;
    }

    private PieceLabels LabelsOf(PieceSpec spec, Arrangement a)
    {
        var instruments = new HashSet<string>();
        if (a.Drums is not null) instruments.Add("drums");
        if (a.Percussion is not null) instruments.Add("percussion");
        foreach (var program in new[] { a.BassProgram, a.ChordProgram, a.MelodyProgram, a.PadProgram })
            if (program is { } p && LabelVocabulary.InstrumentOfProgram(p) is { } label) instruments.Add(label);
        var ordered = LabelVocabulary.Instruments.Where(instruments.Contains).ToList();
        var moods = MoodRules.Of(spec.Bpm, spec.Key.Mode == KeyMode.Minor, a.Intensity, a.Drums is not null);
        return new PieceLabels(Name, moods, ordered);
    }

    /// <summary>One style per genre of the catalogue.</summary>
    public static IReadOnlyList<GenreStyle> All { get; } = GenreCatalog.All.Select(g => new GenreStyle(g)).ToArray();
}
