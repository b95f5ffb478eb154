namespace AudioPlatform.Engine.Loudness;

/// <summary>Loudness figures measured on the original channels at the native sample rate.</summary>
/// <param name="IntegratedLufs">ITU-R BS.1770-4 gated integrated loudness (LUFS); -70 or below means silence (reported as <see cref="double.NegativeInfinity"/> when nothing passes the gates).</param>
/// <param name="LoudnessRangeLu">EBU Tech 3342 loudness range (LU).</param>
/// <param name="TruePeakDbtp">Maximum of the 4× oversampled signal over all channels (dBTP).</param>
/// <param name="SamplePeakDbfs">Maximum absolute sample value (dBFS).</param>
/// <param name="RmsDbfs">Root mean square over every sample of every channel, unweighted (dBFS; a full-scale sine is -3.01).</param>
public sealed record LoudnessResult(
    double IntegratedLufs,
    double LoudnessRangeLu,
    double TruePeakDbtp,
    double SamplePeakDbfs,
    double RmsDbfs);
