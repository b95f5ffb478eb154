namespace AudioPlatform.Similarity;

/// <summary>
/// The measured facts about a track that tags, descriptions and similarity reasons are built from (a small, storable
/// subset of the engine's analysis, so a library can rebuild them from its stored analysis).
/// </summary>
public sealed record TrackFacts(
    double DurationSeconds,
    double? TempoBpm,
    double TempoConfidence,
    string TimeSignature,
    string? Key,
    string? KeyMode,
    double KeyConfidence,
    string? Camelot,
    double LoudnessLufs,
    double LoudnessRangeLu,
    double TruePeakDbtp,
    double Energy,
    double Danceability,
    double Valence,
    double? TempoAlternativeBpm = null,
    bool TempoAmbiguous = false)
{
    /// <summary>"120 BPM", or "120 or 240 BPM" when the alternative level is nearly as likely; null without a tempo.</summary>
    public string? TempoText => TempoBpm is not { } bpm ? null
        : TempoAmbiguous && TempoAlternativeBpm is { } alternative
            ? $"{Bpm(Math.Min(bpm, alternative))} or {Bpm(Math.Max(bpm, alternative))} BPM"
            : $"{Bpm(bpm)} BPM";

    private static string Bpm(double bpm) => Math.Round(bpm).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A track as similarity sees it: its facts, what the models said, and its embedding.</summary>
public sealed record TrackProfile(TrackFacts Facts, TrackClassification Classification, float[] Embedding);
