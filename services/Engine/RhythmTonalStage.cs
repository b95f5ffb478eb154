using AudioPlatform.Engine.Framing;
using AudioPlatform.Engine.Rhythm;
using AudioPlatform.Engine.Tonal;

namespace AudioPlatform.Engine;

/// <summary>
/// The one place the facade touches the rhythm and tonal estimators (owned separately): it registers their frame
/// consumers on the shared pipeline and runs their estimators once the frames are in.
/// </summary>
internal sealed class RhythmTonalStage(KeyProfileOptions keyOptions, TempoModel? tempoModel)
{
    private readonly OnsetEnvelopeBuilder _onsets = new();
    private readonly ChromaBuilder _chroma = new(keyOptions);

    public void Register(StftPipeline pipeline)
    {
        pipeline.Add(_onsets);
        pipeline.Add(_chroma);
    }

    public RhythmAnalysis AnalyzeRhythm() => RhythmAnalyzer.Analyze(_onsets, _chroma, tempoModel);

    public RhythmPattern AnalyzePattern(RhythmAnalysis rhythm) => RhythmPattern.From(_onsets, rhythm.BeatTimes);

    /// <summary>The key, or why there is none (silence, a single pitch, no tonal centre): a key would be a guess.</summary>
    public KeyDecision AnalyzeKey(double spectralFlatness) =>
        _chroma.FrameCount == 0
            ? KeyDecision.None(KeyEstimator.SilentReason)
            : new KeyEstimator(keyOptions.Profile, keyOptions.BassWeight, keyOptions.ProfileGate, keyOptions.Voters).Decide(_chroma.TunedProfile(), _chroma.TunedBassProfile(), spectralFlatness);

    public double[] ChromaMean() => _chroma.Mean();

    public double[] KeyProfile() => _chroma.TunedProfile();

    public double[] KeyBassProfile() => _chroma.TunedBassProfile();

    public double[] ChromaStd() => _chroma.StandardDeviation();
}
