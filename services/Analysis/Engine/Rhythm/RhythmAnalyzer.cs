using AudioPlatform.Analysis.Engine.Framing;
using AudioPlatform.Analysis.Engine.Tonal;

namespace AudioPlatform.Analysis.Engine.Rhythm;

/// <summary>
/// Runs the rhythm estimators in order once all frames have been consumed: tempo from the onset envelope,
/// beats at that tempo, the tempo refined from the beats, then the time signature and the onset rate.
/// </summary>
public static class RhythmAnalyzer
{
    public static RhythmAnalysis Analyze(OnsetEnvelopeBuilder onsets, ChromaBuilder? chroma = null)
    {
        var envelope = onsets.GetEnvelope();
        var frameRate = FrameSettings.FrameRate;
        var onsetRate = OnsetRate.PerSecond(envelope, frameRate);
        var period = TempoEstimator.EstimatePeriod(TempoEstimator.Autocorrelation(onsets), frameRate, out var confidence, out var alternativePeriod);
        if (period <= 0) return new RhythmAnalysis(TempoEstimate.None, [], TimeSignature.FourFour, onsetRate);

        var beatFrames = BeatTracker.Track(envelope, period);
        var beatTimes = new double[beatFrames.Length];
        for (var i = 0; i < beatFrames.Length; i++) beatTimes[i] = beatFrames[i] / frameRate;
        var bpm = TempoEstimator.RefineFromBeats(beatTimes, 60 * frameRate / period);
        var alternative = bpm * period / alternativePeriod;
        var meter = MeterEstimator.Estimate(envelope, onsets.GetLowEnvelope(), beatFrames, chroma);
        return new RhythmAnalysis(new TempoEstimate(bpm, confidence, alternative), beatTimes, meter, onsetRate);
    }
}
