namespace AudioPlatform.Engine;

/// <summary>
/// Wall-clock seconds spent per stage of one analysis. Decoding and frame features run interleaved in one pass:
/// <see cref="DecodeSeconds"/> is the time spent waiting for decoded samples, <see cref="LoudnessSeconds"/>,
/// <see cref="ResampleSeconds"/> and <see cref="FrameFeaturesSeconds"/> the time spent processing them.
/// </summary>
public sealed record StageTimings(
    double DecodeSeconds,
    double LoudnessSeconds,
    double ResampleSeconds,
    double FrameFeaturesSeconds,
    double RhythmSeconds,
    double TonalSeconds,
    double DisplaySeconds,
    double TotalSeconds);
