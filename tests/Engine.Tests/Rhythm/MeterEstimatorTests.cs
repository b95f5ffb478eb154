using AudioPlatform.Engine.Rhythm;
using AudioPlatform.Engine.Tonal;

namespace AudioPlatform.Engine.Tests.Rhythm;

public class MeterEstimatorTests
{
    private static readonly int[][] Chords = [[60, 64, 67], [65, 69, 72], [67, 71, 74], [57, 60, 64]];

    /// <summary>
    /// A bar of <paramref name="beatsPerBar"/> beats: a low, loud accent and a new chord on the downbeat, weaker clicks
    /// on the other beats and, for compound metre, quiet clicks on the two inner thirds of every beat.
    /// </summary>
    private static TimeSignature Analyse(int beatsPerBar, bool compound, double bpm)
    {
        const double seconds = 32;
        var beat = 60 / bpm;
        var signal = SyntheticAudio.Silence(seconds);
        var index = 0;
        for (var t = 0.1; t < seconds - 1; t += beat, index++)
        {
            var downbeat = index % beatsPerBar == 0;
            SyntheticAudio.AddClick(signal, t, downbeat ? 70 : 1500, downbeat ? 0.9 : 0.35, downbeat ? 0.06 : 0.02);
            if (compound)
            {
                SyntheticAudio.AddClick(signal, t + beat / 3, 6000, 0.12, 0.01);
                SyntheticAudio.AddClick(signal, t + 2 * beat / 3, 6000, 0.12, 0.01);
            }
            else
            {
                SyntheticAudio.AddClick(signal, t + beat / 2, 6000, 0.12, 0.01);
            }
            if (downbeat)
            {
                var chord = Chords[index / beatsPerBar % Chords.Length];
                foreach (var note in chord) SyntheticAudio.AddTone(signal, t, beat * beatsPerBar, SyntheticAudio.MidiToHz(note), 0.08);
            }
        }
        var onsets = new OnsetEnvelopeBuilder();
        var chroma = new ChromaBuilder();
        SyntheticAudio.Feed(signal, onsets, chroma);
        return RhythmAnalyzer.Analyze(onsets, chroma).TimeSignature;
    }

    [Theory]
    [InlineData(4, false, 120, "4/4")]
    [InlineData(3, false, 140, "3/4")]
    [InlineData(2, false, 100, "2/4")]
    [InlineData(2, true, 70, "6/8")]
    [InlineData(4, false, 90, "4/4")]
    [InlineData(3, false, 96, "3/4")]
    public void Accent_and_harmony_patterns_give_the_time_signature(int beatsPerBar, bool compound, double bpm, string expected)
    {
        Assert.Equal(expected, Analyse(beatsPerBar, compound, bpm).ToString());
    }

    [Fact]
    public void Too_few_beats_default_to_four_four_with_no_confidence()
    {
        var meter = MeterEstimator.Estimate(new float[100], new float[100], [10, 30, 50], null);

        Assert.Equal("4/4", meter.ToString());
        Assert.Equal(0, meter.Confidence);
    }
}
