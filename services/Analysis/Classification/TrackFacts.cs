using AudioPlatform.Analysis.Engine;

namespace AudioPlatform.Analysis.Classification;

/// <summary>
/// The measured facts about a track that tags, descriptions and similarity reasons are built from (a small, storable
/// subset of <see cref="AudioAnalysis"/>, so a library can rebuild them from its stored analysis).
/// </summary>
public sealed record TrackFacts(
    double DurationSeconds,
    double TempoBpm,
    double TempoConfidence,
    string TimeSignature,
    string Key,
    string KeyMode,
    double KeyConfidence,
    string Camelot,
    double LoudnessLufs,
    double LoudnessRangeLu,
    double TruePeakDbtp,
    double Energy,
    double Danceability,
    double Valence)
{
    public static TrackFacts From(AudioAnalysis a) => new(
        a.DurationSeconds, a.TempoBpm, a.TempoConfidence, a.TimeSignature, a.Key, a.KeyMode, a.KeyConfidence, a.Camelot,
        a.LoudnessLufs, a.LoudnessRangeLu, a.TruePeakDbtp, a.Energy, a.Danceability, a.Valence);
}

/// <summary>A track as similarity sees it: its facts, what the models said, and its embedding.</summary>
public sealed record TrackProfile(TrackFacts Facts, TrackClassification Classification, float[] Embedding);
