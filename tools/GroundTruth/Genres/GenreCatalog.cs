using AudioPlatform.GroundTruth.Composition;

namespace AudioPlatform.GroundTruth.Genres;

/// <summary>
/// The genre style templates. Each names its tempo range, grooves, bass lines, comping, instruments (GM programs,
/// 0-based), swing and intensity range, drawn from how the genre is usually produced; they are caricatures on purpose,
/// so that a genre is told by its rhythm, tempo and sound rather than by one detail.
/// </summary>
public static class GenreCatalog
{
    private const int Kick = 36, SideStick = 37, Snare = 38, Clap = 39, ClosedHat = 42, LowTom = 45, PedalHat = 44, OpenHat = 46,
        Ride = 51, RideBell = 53, Tambourine = 54, Cowbell = 56, HighBongo = 60, LowBongo = 61, MuteConga = 62, OpenConga = 63,
        LowConga = 64, HighTimbale = 65, Maracas = 70, Claves = 75;

    private static Hit H(int step, int note, int velocity = 100) => new(step, note, velocity);

    private static IEnumerable<Hit> Every(int stride, int note, int velocity, int offset = 0, int steps = 16) =>
        Enumerable.Range(0, steps).Where(s => s % stride == offset).Select(s => H(s, note, s % 4 == 0 ? velocity : velocity - 15));

    private static BassStep B(int step, int interval, int length) => new(step, interval, length);

    public static GenreProfile House { get; } = new()
    {
        Name = "house", Adjective = "groovy", Tempo = (118, 128), Intensity = (0.4, 0.85), MinorShare = 0.5,
        Drums =
        [
            new("four-on-the-floor", [.. Every(4, Kick, 112), H(4, Clap), H(12, Clap), .. Every(4, OpenHat, 80, 2)]),
            new("four-on-the-floor-16ths", [.. Every(4, Kick, 112), H(4, Clap), H(12, Clap), .. Every(4, OpenHat, 85, 2), .. Every(2, ClosedHat, 70, 1)], 0.6),
        ],
        Percussion = [new("shaker", [.. Every(2, Maracas, 70), .. Every(2, Maracas, 55, 1)]), new("conga", [H(3, MuteConga, 80), H(6, OpenConga, 85), H(10, LowConga, 85), H(14, OpenConga, 75)])],
        PercussionShare = 0.3,
        BassPrograms = [38, 39, 33], BassLines = [new("offbeat", [B(2, 0, 2), B(6, 0, 2), B(10, 12, 2), B(14, 0, 2)]), new("octave-bounce", [B(0, 0, 3), B(6, 12, 2), B(10, 0, 2), B(14, 12, 2)])],
        ChordPrograms = [0, 4, 16, 17, 89], Compings = [new("stabs", [2, 6, 10, 14], 2), new("offbeat-stabs", [3, 6, 11], 2), new("pad", [0], 16)],
        MelodyPrograms = [80, 81, 0], MelodyShare = 0.3, PadPrograms = [89, 90, 88, 48], PadShare = 0.5,
        Swing = (0, 0.15), Reverb = (20, 60),
        MajorProgressions = Progressions.MajorVamps, MinorProgressions = Progressions.MinorVamps,
    };

    public static GenreProfile Techno { get; } = new()
    {
        Name = "techno", Adjective = "driving", Tempo = (126, 142), Intensity = (0.55, 1), MinorShare = 0.85,
        Drums =
        [
            new("pounding", [.. Every(4, Kick, 120), .. Every(4, OpenHat, 80, 2), .. Every(2, ClosedHat, 65, 1)]),
            new("pounding-clap", [.. Every(4, Kick, 120), H(4, Clap, 95), H(12, Clap, 95), .. Every(1, ClosedHat, 62)], 0.7),
            new("rolling", [.. Every(4, Kick, 120), H(14, Kick, 90), .. Every(4, OpenHat, 85, 2), H(7, Ride, 70), H(15, Ride, 70)]),
        ],
        Percussion = [new("rim-clave", [H(3, Claves, 70), H(10, Claves, 70)])], PercussionShare = 0.1,
        BassPrograms = [38, 39, 87], BassLines = [new("rolling-16ths", [B(1, 0, 1), B(2, 0, 1), B(3, 0, 1), B(5, 0, 1), B(6, 0, 1), B(7, 0, 1), B(9, 0, 1), B(10, 0, 1), B(11, 0, 1), B(13, 0, 1), B(14, 0, 1), B(15, 0, 1)]), new("offbeat", [B(2, 0, 2), B(6, 0, 2), B(10, 0, 2), B(14, 0, 2)])],
        ChordPrograms = [81, 95, 89, 90], Compings = [new("stab", [0, 6], 1), new("drone", [0], 16), new("syncopated", [3, 10], 2)],
        MelodyPrograms = [80, 81, 84], MelodyShare = 0.4, PadPrograms = [95, 91], PadShare = 0.3, Reverb = (30, 80),
        MajorProgressions = Progressions.MajorVamps, MinorProgressions = Progressions.MinorVamps,
    };

    public static GenreProfile DrumAndBass { get; } = new()
    {
        Name = "drum-and-bass", Adjective = "rolling", Tempo = (165, 178), Intensity = (0.55, 1), MinorShare = 0.8,
        Drums =
        [
            new("two-step", [H(0, Kick, 115), H(10, Kick, 105), H(4, Snare, 115), H(12, Snare, 115), .. Every(2, ClosedHat, 70)]),
            new("two-step-busy", [H(0, Kick, 115), H(10, Kick, 105), H(4, Snare, 115), H(12, Snare, 115), H(7, Snare, 60), H(15, Snare, 55), .. Every(1, ClosedHat, 62)], 0.65),
            new("amen-like", [H(0, Kick, 115), H(2, Kick, 100), H(10, Kick, 105), H(11, Kick, 95), H(4, Snare, 115), H(7, Snare, 80), H(9, Snare, 70), H(12, Snare, 115), H(15, Snare, 75), .. Every(2, Ride, 70)]),
        ],
        BassPrograms = [38, 39, 87], BassLines = [new("reese", [B(0, 0, 10), B(10, 0, 6)]), new("stepper", [B(0, 0, 6), B(6, 7, 4), B(10, 0, 6)])],
        ChordPrograms = [89, 48, 0, 4, 91], Compings = [new("pad", [0], 16), new("halves", [0, 8], 8)],
        MelodyPrograms = [80, 81, 73, 0], MelodyShare = 0.4, PadPrograms = [88, 89, 91, 94], PadShare = 0.6, Reverb = (30, 80),
    };

    public static GenreProfile HipHop { get; } = new()
    {
        Name = "hip-hop", Adjective = "laid-back", Tempo = (80, 98), Intensity = (0.3, 0.75), MinorShare = 0.7,
        Drums =
        [
            new("boom-bap", [H(0, Kick, 118), H(7, Kick, 95), H(10, Kick, 110), H(4, Snare, 118), H(12, Snare, 118), .. Every(2, ClosedHat, 72)]),
            new("boom-bap-16ths", [H(0, Kick, 118), H(3, Kick, 90), H(10, Kick, 110), H(4, Snare, 118), H(12, Snare, 118), .. Every(1, ClosedHat, 62)], 0.5),
            new("trap-ish", [H(0, Kick, 120), H(6, Kick, 100), H(11, Kick, 100), H(8, Clap, 115), .. Every(1, ClosedHat, 65)], 0.5),
        ],
        Percussion = [new("tambourine", [H(4, Tambourine, 70), H(12, Tambourine, 70)])], PercussionShare = 0.2,
        BassPrograms = [33, 38, 32], BassLines = [new("sustained", [B(0, 0, 7), B(10, 0, 6)]), new("syncopated", [B(0, 0, 3), B(3, 0, 4), B(10, 7, 3), B(14, 0, 2)])],
        ChordPrograms = [4, 5, 0, 48, 11], Compings = [new("sustained", [0], 16), new("halves", [0, 8], 7), new("chops", [0, 3, 8, 11], 2)],
        MelodyPrograms = [73, 11, 4, 66], MelodyShare = 0.35, PadPrograms = [48, 89], PadShare = 0.2,
        Swing = (0.15, 0.35), Reverb = (10, 40),
    };

    public static GenreProfile Rock { get; } = new()
    {
        Name = "rock", Adjective = "punchy", Tempo = (100, 160), Intensity = (0.45, 1), MinorShare = 0.5,
        Drums =
        [
            new("rock", [H(0, Kick, 118), H(8, Kick, 112), H(4, Snare, 118), H(12, Snare, 118), .. Every(2, ClosedHat, 80)]),
            new("rock-push", [H(0, Kick, 118), H(8, Kick, 112), H(10, Kick, 100), H(4, Snare, 118), H(12, Snare, 118), .. Every(2, ClosedHat, 82)]),
            new("rock-ride", [H(0, Kick, 120), H(6, Kick, 100), H(8, Kick, 112), H(4, Snare, 122), H(12, Snare, 122), .. Every(2, Ride, 85)], 0.7),
        ],
        BassPrograms = [33, 34], BassLines = [new("eighths", [.. Enumerable.Range(0, 8).Select(i => B(i * 2, 0, 2))]), new("root-fifth", [B(0, 0, 6), B(6, 0, 2), B(8, 7, 6), B(14, 0, 2)])],
        ChordPrograms = [29, 30, 27, 25], Compings = [new("power-eighths", [0, 2, 4, 6, 8, 10, 12, 14], 2, PowerChords: true), new("power-pushes", [0, 6, 8, 14], 2, PowerChords: true), new("strum", [0, 4, 8, 12], 4)],
        MelodyPrograms = [29, 30, 18, 27], MelodyShare = 0.5, PadPrograms = [18, 16], PadShare = 0.2, Reverb = (10, 40),
    };

    public static GenreProfile Jazz { get; } = new()
    {
        Name = "jazz", Adjective = "swinging", Meters = [Meter.FourFour, Meter.FourFour, Meter.ThreeFour], Tempo = (100, 200), Intensity = (0.2, 0.6), MinorShare = 0.35,
        Drums =
        [
            new("swing-ride", [H(0, Ride, 85), H(4, Ride, 85), H(6, Ride, 70), H(8, Ride, 85), H(12, Ride, 85), H(14, Ride, 70), H(4, PedalHat, 70), H(12, PedalHat, 70), H(0, Kick, 55), H(10, SideStick, 55)]),
            new("brushy", [H(0, Ride, 75), H(4, Ride, 75), H(6, Ride, 60), H(8, Ride, 75), H(12, Ride, 75), H(14, Ride, 60), H(4, PedalHat, 65), H(12, PedalHat, 65), H(6, Snare, 40), H(14, Snare, 40)]),
        ],
        BassPrograms = [32], BassLines = [new("walking", [], Walking: true)],
        ChordPrograms = [0, 4, 26, 0], Compings = [new("charleston", [0, 6], 3), new("comp-2-4", [4, 12], 3), new("sustained", [0], 12)], Sevenths = true,
        MelodyPrograms = [65, 66, 56, 73, 11, 26], MelodyShare = 0.85,
        Swing = (0.3, 0.4), SwingsEighths = true, Reverb = (20, 60),
        MajorProgressions = Progressions.JazzMajor, MinorProgressions = Progressions.JazzMinor,
    };

    public static GenreProfile Classical { get; } = new()
    {
        Name = "classical", Adjective = "orchestral", Meters = [Meter.FourFour, Meter.ThreeFour], Tempo = (60, 130), Intensity = (0.05, 0.65), MinorShare = 0.5,
        DrumShare = 0,
        BassPrograms = [42, 43], BassShare = 0.8, BassLines = [new("sustained", [B(0, 0, 16)]), new("halves", [B(0, 0, 8), B(8, 7, 8)])],
        ChordPrograms = [48, 49, 0, 6, 48], Compings = [new("sustained", [0], 16), new("arpeggio-beats", [0, 4, 8, 12], 4)],
        MelodyPrograms = [40, 73, 68, 60, 71, 56, 40], MelodyShare = 0.95, PadPrograms = [61, 60, 49], PadShare = 0.3, Reverb = (50, 100),
    };

    public static GenreProfile Ambient { get; } = new()
    {
        Name = "ambient", Adjective = "atmospheric", Tempo = (60, 90), Intensity = (0, 0.3), MinorShare = 0.5,
        Drums = [new("pulse", [H(0, Kick, 55), H(8, Kick, 50), .. Every(4, ClosedHat, 40, 2)])], DrumShare = 0.15,
        BassPrograms = [38, 89], BassShare = 0.4, BassLines = [new("drone", [B(0, 0, 16)])],
        ChordPrograms = [88, 89, 91, 94, 95, 49, 50], Compings = [new("drone", [0], 16)],
        MelodyPrograms = [0, 98, 88, 73, 11], MelodyShare = 0.5, PadPrograms = [91, 92, 94, 95, 52], PadShare = 0.7, Reverb = (80, 127),
        MajorProgressions = Progressions.MajorVamps, MinorProgressions = Progressions.MinorVamps,
    };

    public static GenreProfile Pop { get; } = new()
    {
        Name = "pop", Adjective = "catchy", Tempo = (95, 128), Intensity = (0.3, 0.8), MinorShare = 0.25,
        Drums =
        [
            new("pop", [H(0, Kick, 115), H(6, Kick, 100), H(8, Kick, 110), H(4, Clap, 110), H(12, Clap, 110), .. Every(2, ClosedHat, 75)]),
            new("pop-snare", [H(0, Kick, 115), H(8, Kick, 110), H(10, Kick, 95), H(4, Snare, 110), H(12, Snare, 110), .. Every(2, ClosedHat, 75)]),
        ],
        Percussion = [new("tambourine", [H(4, Tambourine, 75), H(12, Tambourine, 75), H(14, Tambourine, 60)])], PercussionShare = 0.25,
        BassPrograms = [33, 34, 38], BassLines = [new("eighths", [.. Enumerable.Range(0, 8).Select(i => B(i * 2, 0, 2))]), new("pulse", [B(0, 0, 4), B(6, 0, 2), B(8, 0, 4), B(14, 7, 2)])],
        ChordPrograms = [0, 25, 4, 1], Compings = [new("quarters", [0, 4, 8, 12], 4), new("push", [0, 6, 12], 4), new("strum", [0, 3, 6, 8, 11, 14], 2)],
        MelodyPrograms = [80, 81, 73, 0, 22], MelodyShare = 0.8, PadPrograms = [48, 89], PadShare = 0.4, Reverb = (20, 60),
    };

    public static GenreProfile Reggae { get; } = new()
    {
        Name = "reggae", Adjective = "skanking", Tempo = (66, 90), Intensity = (0.25, 0.6), MinorShare = 0.5,
        Drums =
        [
            new("one-drop", [H(8, Kick, 115), H(8, SideStick, 105), .. Every(2, ClosedHat, 70)]),
            new("steppers", [.. Every(4, Kick, 110), H(8, SideStick, 105), .. Every(2, ClosedHat, 68)]),
        ],
        Percussion = [new("bongo", [H(2, HighBongo, 75), H(6, LowBongo, 75), H(10, HighBongo, 75), H(14, LowBongo, 75)])], PercussionShare = 0.3,
        BassPrograms = [33, 34, 32], BassLines = [new("riddim", [B(0, 0, 3), B(3, 0, 1), B(6, 7, 2), B(10, 3, 2), B(12, 5, 4)]), new("dub", [B(0, 0, 6), B(8, 7, 2), B(12, 0, 4)])],
        ChordPrograms = [16, 17, 27, 28], Compings = [new("skank", [4, 12], 1), new("double-skank", [4, 6, 12, 14], 1)],
        MelodyPrograms = [18, 0, 56, 22], MelodyShare = 0.35, PadPrograms = [16], PadShare = 0.15,
        Swing = (0, 0.15), Reverb = (20, 70),
        MajorProgressions = Progressions.MajorVamps, MinorProgressions = Progressions.MinorVamps,
    };

    public static GenreProfile Latin { get; } = new()
    {
        Name = "latin", Adjective = "lively", Tempo = (95, 130), Intensity = (0.35, 0.8), MinorShare = 0.45,
        Drums = [new("bossa", [H(0, Kick, 95), H(6, Kick, 80), H(8, Kick, 95), H(14, Kick, 80), H(0, SideStick, 80), H(6, SideStick, 80), H(12, SideStick, 80), H(10, SideStick, 75), .. Every(2, ClosedHat, 60)])],
        DrumShare = 0.6,
        Percussion =
        [
            new("tumbao-clave", [H(0, Claves, 95), H(3, Claves, 95), H(6, Claves, 95), H(10, Claves, 95), H(12, Claves, 95), H(4, MuteConga, 85), H(7, OpenConga, 95), H(8, MuteConga, 80), H(14, OpenConga, 95), H(15, LowConga, 90)]),
            new("timbale-cowbell", [.. Every(4, Cowbell, 90), H(3, HighTimbale, 85), H(11, HighTimbale, 85), H(7, OpenConga, 90), H(15, LowConga, 90), .. Every(2, Maracas, 60)]),
        ],
        PercussionShare = 1,
        BassPrograms = [32, 33], BassLines = [new("tumbao", [B(3, 7, 5), B(8, 12, 2), B(11, 0, 5)]), new("bossa", [B(0, 0, 6), B(6, 7, 2), B(8, 7, 6), B(14, 0, 2)])],
        ChordPrograms = [0, 24, 24, 1], Compings = [new("montuno", [0, 3, 6, 8, 10, 13], 2), new("bossa-comp", [0, 3, 6, 10, 12], 2)],
        MelodyPrograms = [61, 56, 73, 65, 24], MelodyShare = 0.7, PadPrograms = [61], PadShare = 0.3, Reverb = (20, 60),
    };

    public static IReadOnlyList<GenreProfile> All { get; } = [House, Techno, DrumAndBass, HipHop, Rock, Jazz, Classical, Ambient, Pop, Reggae, Latin];

    public static GenreProfile ByName(string name) =>
        All.FirstOrDefault(g => g.Name == name) ?? throw new ArgumentException($"Unknown genre '{name}'; known: {string.Join(", ", All.Select(g => g.Name))}.", nameof(name));
}
