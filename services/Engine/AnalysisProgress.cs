namespace AudioPlatform.Engine;

/// <summary>The stages an analysis reports, in order.</summary>
public enum AnalysisStage
{
    /// <summary>Decoding the file while loudness, spectral and display features are measured on the fly.</summary>
    Decoding,
    /// <summary>Summarising loudness, spectral and display features.</summary>
    Features,
    /// <summary>Tempo, beats, meter and onset rate.</summary>
    Rhythm,
    /// <summary>Key and chroma summary.</summary>
    Tonal,
    Done,
}

/// <param name="Stage">The current stage.</param>
/// <param name="Percent">Overall progress, 0–100, never decreasing.</param>
public sealed record AnalysisProgress(AnalysisStage Stage, double Percent);
