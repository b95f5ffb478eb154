using AudioPlatform.Analysis.Engine.Decoding;

namespace AudioPlatform.Analysis.Engine;

/// <summary>Options for <see cref="AudioAnalyzer"/>.</summary>
public sealed record AnalyzerOptions
{
    public DecodeOptions Decode { get; init; } = DecodeOptions.Default;

    /// <summary>Number of min/max pairs in <see cref="AudioAnalysis.Waveform"/>.</summary>
    public int WaveformPoints { get; init; } = 2000;

    public int SpectrogramWidth { get; init; } = 1024;
    public int SpectrogramHeight { get; init; } = 256;

    /// <summary>Skip the spectrogram image (the Analysis service may not need it for every run).</summary>
    public bool IncludeSpectrogram { get; init; } = true;

    public static AnalyzerOptions Default { get; } = new();
}
