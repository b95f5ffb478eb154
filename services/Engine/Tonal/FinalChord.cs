using AudioPlatform.Engine.Framing;

namespace AudioPlatform.Engine.Tonal;

/// <summary>
/// The chord a piece ends on: the treble and bass chroma of its last beat, when the recording holds the end of the
/// music (the sound stops and at least <see cref="MinSilenceSeconds"/> of near-silence follows). Most pieces end on
/// their tonic chord, which is what the order of the chords adds to a whole-track pitch-class profile: a minor piece
/// whose progression is i–VI–III–VII has its relative major's notes (vi–IV–I–V), and only where it starts and ends
/// says minor. An excerpt cut from the middle of a track has no ending, so it gets none.
/// </summary>
public sealed class FinalChord
{
    /// <summary>A frame quieter than this share of the median frame (−40 dB) is silence after the music.</summary>
    internal const double SilenceShare = 0.01;

    /// <summary>The near-silence after the last sound that makes the end of the recording the end of the music.</summary>
    public const double MinSilenceSeconds = 1.0;

    private readonly double[] _treble;
    private readonly double[] _bass;

    public FinalChord(double[] treble, double[] bass)
    {
        if (treble.Length != ChromaBuilder.Bins || bass.Length != ChromaBuilder.Bins)
            throw new ArgumentException($"Treble and bass chroma have {ChromaBuilder.Bins} pitch classes.");
        _treble = treble;
        _bass = bass;
    }

    /// <summary>
    /// The last beat's chroma, from the last tracked beat before the sound stops to one beat later (or the stop); null
    /// when the recording does not end in silence (<paramref name="minSilenceSeconds"/> after the last sound) or has fewer
    /// than two beats before it.
    /// </summary>
    public static FinalChord? Find(ChromaBuilder chroma, IReadOnlyList<double> beatTimes, double minSilenceSeconds = MinSilenceSeconds)
    {
        var endOfSound = chroma.EndOfSound(SilenceShare);
        if (chroma.FrameCount - endOfSound < minSilenceSeconds * FrameSettings.FrameRate) return null;
        var last = -1;
        for (var i = 0; i < beatTimes.Count; i++)
            if (beatTimes[i] * FrameSettings.FrameRate < endOfSound) last = i;
        if (last < 1) return null;
        var start = (int)Math.Round(beatTimes[last] * FrameSettings.FrameRate);
        var period = start - (int)Math.Round(beatTimes[last - 1] * FrameSettings.FrameRate);
        var end = Math.Min(endOfSound, start + Math.Max(1, period));
        var treble = new double[ChromaBuilder.Bins];
        var bass = new double[ChromaBuilder.Bins];
        Span<float> frame = stackalloc float[ChromaBuilder.Bins];
        for (var t = start; t < end; t++)
        {
            chroma.Frame(t, frame);
            for (var c = 0; c < ChromaBuilder.Bins; c++) treble[c] += frame[c];
            chroma.BassFrame(t, frame);
            for (var c = 0; c < ChromaBuilder.Bins; c++) bass[c] += frame[c];
        }
        return new FinalChord(treble, bass);
    }

    /// <summary>
    /// How much the chord sounds like the tonic chord of <paramref name="key"/>: the share of the treble chroma on its
    /// tonic triad plus the share of the bass on its tonic (0–2). Each term tells a key from its relative (A minor's A–C–E
    /// against C major's C–E–G, bass A against C) and from its neighbours a fifth away; the third alone would tell major
    /// from minor, but the treble chroma is raw peaks, where a low tonic's fifth partial lands on the major third.
    /// </summary>
    public double TonicMatch(MusicalKey key)
    {
        var third = key.Mode == KeyMode.Major ? 4 : 3;
        double treble = 0, bass = 0;
        for (var c = 0; c < ChromaBuilder.Bins; c++) { treble += _treble[c]; bass += _bass[c]; }
        var tonic = key.Tonic;
        var triad = _treble[tonic] + _treble[(tonic + third) % 12] + _treble[(tonic + 7) % 12];
        return (treble > 0 ? triad / treble : 0) + (bass > 0 ? _bass[tonic] / bass : 0);
    }
}
