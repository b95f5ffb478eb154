using AudioPlatform.Engine;

namespace AudioPlatform.Classification;

/// <summary>The engine's analysis as the facts tags, descriptions and similarity are built from.</summary>
public static class TrackFactsFromAnalysis
{
    public static TrackFacts From(AudioAnalysis a) => new(
        a.DurationSeconds, a.TempoBpm, a.TempoConfidence, a.TimeSignature, a.Key, a.KeyMode, a.KeyConfidence, a.Camelot,
        a.LoudnessLufs, a.LoudnessRangeLu, a.TruePeakDbtp, a.Energy, a.Danceability, a.Valence, a.TempoAlternativeBpm, a.TempoAmbiguous);
}
