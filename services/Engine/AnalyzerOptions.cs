using AudioPlatform.Engine.Decoding;

namespace AudioPlatform.Engine;

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

    /// <summary>How spectral peaks feed the key's pitch-class profile.</summary>
    public Tonal.KeyProfileOptions Key { get; init; } = Tonal.KeyProfileOptions.Default;

    /// <summary>The weights of the tempo octave decision (the fitted ones unless an experiment says otherwise).</summary>
    public Rhythm.TempoModel? TempoModel { get; init; }

    public static AnalyzerOptions Default { get; } = new();
}
