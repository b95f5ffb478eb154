using AudioPlatform.Engine.Tests.Rhythm;
using AudioPlatform.Engine.Tonal;

namespace AudioPlatform.Engine.Tests.Tonal;

/// <summary>
/// The final chord decides between a key and its relative (or a neighbour a fifth away) when the recording holds the
/// end of the piece: the order of the chords, which a whole-track profile does not have.
/// </summary>
public class FinalChordTests
{
    private const double BarSeconds = 2;
    private const double BeatSeconds = 0.5;

    /// <summary>i–VI–III–VII (A minor: Am F C G), the relative major's vi–IV–I–V; the same chords from C are I–V–vi–IV.</summary>
    private static readonly int[][] MinorLoop = [[0, 3, 7], [8, 12, 15], [3, 7, 10], [10, 14, 17]];
    private static readonly int[][] MajorLoop = [[0, 4, 7], [7, 11, 14], [9, 12, 16], [5, 9, 12]];

    /// <summary>
    /// The loop <paramref name="repeats"/> times, one chord per bar over its root in the bass, the last bar on the first
    /// chord (the tonic) as the generator ends its pieces, then <paramref name="silenceSeconds"/> of silence; the chroma
    /// and the beat times (every half second, the bars' four beats).
    /// </summary>
    private static (ChromaBuilder Chroma, double[] Beats) Render(int tonic, int[][] loop, int repeats = 3, double silenceSeconds = 2, bool endOnTheTonic = true)
    {
        var bars = loop.Length * repeats;
        var signal = SyntheticAudio.Silence(bars * BarSeconds + silenceSeconds);
        for (var bar = 0; bar < bars; bar++)
        {
            var chord = endOnTheTonic && bar == bars - 1 ? loop[0] : loop[bar % loop.Length];
            var start = bar * BarSeconds;
            foreach (var degree in chord) SyntheticAudio.AddTone(signal, start, BarSeconds, SyntheticAudio.MidiToHz(60 + tonic + degree), 0.1);
            SyntheticAudio.AddTone(signal, start, BarSeconds, SyntheticAudio.MidiToHz(36 + tonic + chord[0] % 12), 0.15);
        }
        var chroma = new ChromaBuilder();
        SyntheticAudio.Feed(signal, chroma);
        var beats = Enumerable.Range(0, (int)(bars * BarSeconds / BeatSeconds)).Select(b => b * BeatSeconds).ToArray();
        return (chroma, beats);
    }

    private static KeyDecision Decide(ChromaBuilder chroma, FinalChord? finalChord) =>
        new KeyEstimator().Decide(chroma.TunedProfile(), chroma.TunedBassProfile(), 0, finalChord);

    [Theory]
    [InlineData(9)]
    [InlineData(2)]
    public void Minor_loop_i_VI_III_VII_that_ends_on_its_tonic_is_read_as_minor(int tonic)
    {
        var (chroma, beats) = Render(tonic, MinorLoop);

        var finalChord = FinalChord.Find(chroma, beats);

        Assert.NotNull(finalChord);
        Assert.Equal(new MusicalKey(tonic, KeyMode.Minor), Decide(chroma, finalChord).Estimate?.Key);
    }

    [Fact]
    public void A_key_the_ending_chose_names_the_profile_key_as_runner_up_and_shares_its_confidence()
    {
        var (chroma, beats) = Render(9, MinorLoop);

        var estimate = Decide(chroma, FinalChord.Find(chroma, beats)).Estimate!;

        Assert.Equal(new MusicalKey(0, KeyMode.Major), estimate.RunnerUp);
        Assert.InRange(estimate.Confidence, estimate.RunnerUpConfidence, 1.0);
    }

    [Fact]
    public void Without_its_ending_the_same_minor_loop_reads_as_its_relative_major()
    {
        var (chroma, _) = Render(9, MinorLoop);

        Assert.Equal(new MusicalKey(0, KeyMode.Major), Decide(chroma, null).Estimate?.Key);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Relative_major_loop_I_V_vi_IV_that_ends_on_its_tonic_stays_major(int tonic)
    {
        var (chroma, beats) = Render(tonic, MajorLoop);

        var finalChord = FinalChord.Find(chroma, beats);

        Assert.NotNull(finalChord);
        Assert.Equal(new MusicalKey(tonic, KeyMode.Major), Decide(chroma, finalChord).Estimate?.Key);
    }

    [Fact]
    public void An_excerpt_that_plays_to_the_last_frame_has_no_final_chord()
    {
        var (chroma, beats) = Render(9, MinorLoop, silenceSeconds: 0);

        Assert.Null(FinalChord.Find(chroma, beats));
    }

    [Fact]
    public void Half_a_second_of_silence_is_a_pause_not_the_end_of_the_piece()
    {
        var (chroma, beats) = Render(9, MinorLoop, silenceSeconds: 0.5);

        Assert.Null(FinalChord.Find(chroma, beats));
    }

    [Fact]
    public void Final_chord_matches_the_tonic_chord_of_its_own_key_best()
    {
        var (chroma, beats) = Render(9, MinorLoop);

        var finalChord = FinalChord.Find(chroma, beats)!;

        var minor = finalChord.TonicMatch(new MusicalKey(9, KeyMode.Minor));
        Assert.True(minor > finalChord.TonicMatch(new MusicalKey(0, KeyMode.Major)));
        Assert.True(minor > finalChord.TonicMatch(new MusicalKey(4, KeyMode.Minor)));
        Assert.True(minor > finalChord.TonicMatch(new MusicalKey(2, KeyMode.Minor)));
    }

    [Fact]
    public void A_piece_that_stops_on_a_chord_naming_a_neighbouring_key_is_read_in_that_key()
    {
        // The rule's known cost: stopping on VII (G major over G) in A minor names G major, a fifth above the profile's
        // C major, and the final chord decides whenever it names a candidate. Pieces rarely stop off the tonic.
        var (chroma, beats) = Render(9, MinorLoop, endOnTheTonic: false);

        var key = Decide(chroma, FinalChord.Find(chroma, beats)).Estimate?.Key;

        Assert.Equal(new MusicalKey(7, KeyMode.Major), key);
    }
}
