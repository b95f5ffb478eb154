using AudioPlatform.Engine.Tonal;

namespace AudioPlatform.GroundTruth.Composition;

/// <summary>
/// The generic ground-truth style: pop/rock/ballad/waltz-like pieces with drums, bass, chords and melody, one chord
/// per bar, no swing, a diatonic progression that starts and ends on the tonic. Beats are marked the way drummers
/// mark them: kick on the downbeat, snare or side stick on the back beats, hi-hats on the eighths.
/// </summary>
public sealed class GenericStyle : StyleTemplate
{
    public const int Kick = 36, SideStick = 37, Snare = 38, Clap = 39, ClosedHat = 42, PedalHat = 44, OpenHat = 46, Ride = 51;

    public override string Name => "generic";

    public override IReadOnlyList<Meter> Meters => Meter.All;

    public override (double Min, double Max) TempoRange(Meter meter) => meter == Meter.SixEight ? (60, 130) : (60, 200);

    private static readonly Chord I = new(0, false, "I"), ii = new(2, true, "ii"), iii = new(4, true, "iii"), IV = new(5, false, "IV"),
        V = new(7, false, "V"), vi = new(9, true, "vi");
    private static readonly Chord i = new(0, true, "i"), iv = new(5, true, "iv"), v = new(7, true, "v"), III = new(3, false, "III"),
        VI = new(8, false, "VI"), VII = new(10, false, "VII");

    private static readonly Chord[][] MajorProgressions =
    [
        [I, IV, V, I], [I, vi, IV, V], [I, V, vi, IV], [I, IV, I, V], [I, vi, ii, V], [I, iii, IV, V], [I, ii, V, I], [I, IV, vi, V],
    ];

    private static readonly Chord[][] MinorProgressions =
    [
        [i, iv, V, i], [i, VI, III, VII], [i, VII, VI, V], [i, iv, VII, III], [i, VI, iv, V], [i, v, iv, i], [i, iv, i, V], [i, VI, VII, i],
    ];

    private static readonly int[] ChordPrograms = [0, 1, 4, 5, 16, 24, 25, 48, 49, 89, 11, 2];
    private static readonly int[] BassPrograms = [32, 33, 34, 35, 38, 39];
    private static readonly int[] MelodyPrograms = [73, 65, 56, 40, 71, 80, 81, 68, 11, 0, 66, 74];

    public override PieceSpec Design(PieceRequest request, IReadOnlyList<string> soundFonts)
    {
        var random = new Random(request.Seed);
        var meter = request.Meter ?? Pick(random, Meters);
        var key = request.Key ?? new MusicalKey(random.Next(12), random.Next(2) == 0 ? KeyMode.Major : KeyMode.Minor);
        var (min, max) = TempoRange(meter);
        // Uniform in log tempo, so slow and fast pieces are equally represented per octave.
        var bpm = request.Bpm ?? Math.Round(min * Math.Pow(max / min, random.NextDouble()), 1);
        var progression = Pick(random, key.Mode == KeyMode.Major ? MajorProgressions : MinorProgressions);
        var barSeconds = meter.BeatsPerBar * 60 / bpm;
        var bars = Math.Max(progression.Length, (int)Math.Round(request.TargetSeconds / barSeconds / progression.Length) * progression.Length);
        var instruments = new Instrumentation(Pick(random, ChordPrograms), Pick(random, BassPrograms), Pick(random, MelodyPrograms));
        var soundFont = request.SoundFont ?? Pick(random, soundFonts);
        return new PieceSpec(
            request.Id ?? $"{Name}-{request.Seed}",
            request.Seed,
            Name,
            bpm,
            key,
            meter,
            bars,
            progression,
            instruments,
            Pick(random, DrumPatterns(meter).Where(p => p.Suits(bpm)).ToList()),
            Pick(random, BassPatterns(meter)),
            Pick(random, CompPatterns(meter)),
            soundFont,
            Swing: 0,
            IntroBars: random.NextDouble() < 0.3 ? 1 : 0,
            MelodyDensity: 0.5 + 0.4 * random.NextDouble());
    }

    internal static IReadOnlyList<DrumPattern> DrumPatterns(Meter meter)
    {
        static DrumHit H(int step, int note, int velocity) => new(step, note, velocity);
        static IEnumerable<DrumHit> Hats(int steps, int beatSteps, int note = ClosedHat) =>
            Enumerable.Range(0, steps).Select(s => H(s, note, s % beatSteps == 0 ? 80 : 60));

        if (meter == Meter.FourFour)
            return
            [
                new("rock", [H(0, Kick, 110), H(4, Kick, 105), H(2, Snare, 105), H(6, Snare, 105), .. Hats(8, 2)]),
                new("rock-push", [H(0, Kick, 110), H(4, Kick, 100), H(5, Kick, 85), H(2, Snare, 105), H(6, Snare, 105), .. Hats(8, 2)]),
                new("four-on-the-floor", [H(0, Kick, 110), H(2, Kick, 105), H(4, Kick, 105), H(6, Kick, 105), H(2, Clap, 100), H(6, Clap, 100),
                    H(1, OpenHat, 70), H(3, OpenHat, 70), H(5, OpenHat, 70), H(7, OpenHat, 70)]),
                new("ballad", [H(0, Kick, 100), H(4, Kick, 95), H(2, SideStick, 95), H(6, SideStick, 95), .. Hats(8, 2, Ride)]),
            ];
        if (meter == Meter.TwoFour)
            return
            [
                new("march", [H(0, Kick, 110), H(2, Snare, 105), .. Hats(4, 2)]),
                new("polka", [H(0, Kick, 110), H(2, Snare, 100), H(3, Snare, 70), .. Hats(4, 2, PedalHat)], MinBpm: 100),
            ];
        if (meter == Meter.ThreeFour)
            return
            [
                new("waltz", [H(0, Kick, 110), H(2, Snare, 90), H(4, Snare, 90), .. Hats(6, 2)]),
                new("waltz-ballad", [H(0, Kick, 105), H(2, SideStick, 85), H(4, SideStick, 85), .. Hats(6, 2, Ride)]),
            ];
        return
        [
            new("six-eight", [H(0, Kick, 110), H(3, Snare, 100), .. Hats(6, 3)]),
            new("six-eight-ballad", [H(0, Kick, 105), H(3, SideStick, 90), .. Hats(6, 3, Ride)]),
        ];
    }

    internal static IReadOnlyList<BassPattern> BassPatterns(Meter meter)
    {
        static BassNote B(int step, int interval, int velocity = 100) => new(step, interval, velocity);
        if (meter == Meter.FourFour)
            return
            [
                new("root-fifth", [B(0, 0), B(4, 7, 90)]),
                new("quarters", [B(0, 0), B(2, 0, 85), B(4, 7, 90), B(6, 0, 85)]),
                new("whole", [B(0, 0)]),
                new("octaves", [B(0, 0), B(2, 12, 85), B(4, 0, 90), B(6, 12, 85)]),
            ];
        if (meter == Meter.TwoFour)
            return [new("oom-pah", [B(0, 0), B(2, 7, 90)]), new("root", [B(0, 0)])];
        if (meter == Meter.ThreeFour)
            return [new("waltz", [B(0, 0)]), new("root-fifth-fifth", [B(0, 0), B(2, 7, 80), B(4, 7, 80)])];
        return [new("dotted", [B(0, 0), B(3, 7, 90)]), new("root", [B(0, 0)])];
    }

    internal static IReadOnlyList<CompPattern> CompPatterns(Meter meter)
    {
        if (meter == Meter.FourFour) return [new("sustained", [0], 8), new("quarters", [0, 2, 4, 6], 2), new("halves", [0, 4], 4)];
        if (meter == Meter.TwoFour) return [new("sustained", [0], 4), new("after-beat", [0, 2], 2)];
        if (meter == Meter.ThreeFour) return [new("sustained", [0], 6), new("pah-pah", [2, 4], 2), new("quarters", [0, 2, 4], 2)];
        return [new("sustained", [0], 6), new("dotted", [0, 3], 3), new("arpeggio-beats", [0, 3], 2)];
    }
}
