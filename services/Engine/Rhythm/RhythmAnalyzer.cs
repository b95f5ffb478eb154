using AudioPlatform.Engine.Framing;
using AudioPlatform.Engine.Tonal;

namespace AudioPlatform.Engine.Rhythm;

/// <summary>
/// Runs the rhythm estimators in order once all frames have been consumed: the tempo decision from the onset
/// envelopes, beats at the chosen period, the tempo refined from the beats, then the time signature and the onset rate.
/// </summary>
public static class RhythmAnalyzer
{
    public static RhythmAnalysis Analyze(OnsetEnvelopeBuilder onsets, ChromaBuilder? chroma = null, TempoModel? model = null)
    {
        var envelope = onsets.GetEnvelope();
        var frameRate = FrameSettings.FrameRate;
        var onsetRate = OnsetRate.PerSecond(envelope, frameRate);
        var decision = TempoEstimator.Decide(onsets, onsetRate, model);
        if (decision.Chosen is not { } chosen)
            return new RhythmAnalysis(TempoEstimate.None(decision.MissingReason!, decision.PulseClarity), [], TimeSignature.FourFour, onsetRate);

        var beatFrames = BeatTracker.Track(envelope, chosen.PeriodFrames);
        var beatTimes = new double[beatFrames.Length];
        for (var i = 0; i < beatFrames.Length; i++) beatTimes[i] = beatFrames[i] / frameRate;
        var bpm = TempoEstimator.RefineFromBeats(beatTimes, chosen.Bpm);
        var alternative = decision.Alternative;
        var tempo = new TempoEstimate(
            bpm,
            chosen.Confidence,
            alternative is null ? null : alternative.Bpm * bpm / chosen.Bpm,
            alternative?.Confidence ?? 0,
            alternative is not null && alternative.Confidence >= TempoEstimator.AmbiguousRatio * chosen.Confidence,
            decision.PulseClarity,
            null);
        var meter = MeterEstimator.Estimate(envelope, onsets.GetLowEnvelope(), beatFrames, chroma);
        return new RhythmAnalysis(tempo, beatTimes, meter, onsetRate) { TempoCandidates = decision.Levels };
    }
}
