using System.Text.Json.Serialization;
using AudioPlatform.Engine;

namespace AudioPlatform.Cli;

/// <summary>
/// One line of <c>--json</c> output: the summary fields of an analysis, or <see cref="Error"/>. The server commands
/// (<c>upload</c>, <c>list</c>) print the same fields, plus the track's id, status and top genre.
/// </summary>
internal sealed record CliResult
{
    public required string File { get; init; }
    public Guid? TrackId { get; init; }
    public string? Status { get; init; }
    /// <summary><c>upload</c>: true when the file's content was uploaded before and the track is still there.</summary>
    public bool? Skipped { get; init; }
    public string? Error { get; init; }
    public string? ErrorReason { get; init; }
    public double? DurationSeconds { get; init; }
    public double? TempoBpm { get; init; }
    public double? TempoConfidence { get; init; }
    public double? TempoAlternativeBpm { get; init; }
    public bool? TempoAmbiguous { get; init; }
    public string? TempoMissingReason { get; init; }
    public string? Key { get; init; }
    public double? KeyConfidence { get; init; }
    public string? KeyRunnerUp { get; init; }
    public string? KeyMissingReason { get; init; }
    public string? Camelot { get; init; }
    public string? TimeSignature { get; init; }
    public double? LoudnessLufs { get; init; }
    public double? LoudnessRange { get; init; }
    public double? TruePeakDbtp { get; init; }
    public double? RmsDbfs { get; init; }
    public double? Energy { get; init; }
    public double? Danceability { get; init; }
    public double? Valence { get; init; }
    public double? SpectralCentroidHz { get; init; }
    public double? SpectralRolloffHz { get; init; }
    public double? SpectralFlatness { get; init; }
    public double? ZeroCrossingRate { get; init; }
    public double? OnsetRate { get; init; }
    public string? Codec { get; init; }
    public int? SampleRate { get; init; }
    public int? Channels { get; init; }
    public string? Title { get; init; }
    public string? Artist { get; init; }
    public string? Genre { get; init; }
    public StageTimings? Timings { get; init; }

    public static CliResult Failure(string file, string error, string? reason) => new() { File = file, Error = error, ErrorReason = reason };

    public static CliResult From(string file, AudioAnalysis a, bool timings) => new()
    {
        File = file,
        DurationSeconds = Math.Round(a.DurationSeconds, 3),
        TempoBpm = a.TempoBpm is { } bpm ? Math.Round(bpm, 2) : null,
        TempoConfidence = Math.Round(a.TempoConfidence, 3),
        TempoAlternativeBpm = a.TempoAlternativeBpm is { } alternative ? Math.Round(alternative, 2) : null,
        TempoAmbiguous = a.TempoAmbiguous,
        TempoMissingReason = a.TempoMissingReason,
        Key = a.Key,
        KeyConfidence = Math.Round(a.KeyConfidence, 3),
        KeyRunnerUp = a.KeyRunnerUp,
        KeyMissingReason = a.KeyMissingReason,
        Camelot = a.Camelot,
        TimeSignature = a.TimeSignature,
        LoudnessLufs = Math.Round(a.LoudnessLufs, 2),
        LoudnessRange = Math.Round(a.LoudnessRangeLu, 2),
        TruePeakDbtp = Math.Round(a.TruePeakDbtp, 2),
        RmsDbfs = Math.Round(a.RmsDbfs, 2),
        Energy = Math.Round(a.Energy, 3),
        Danceability = Math.Round(a.Danceability, 3),
        Valence = Math.Round(a.Valence, 3),
        SpectralCentroidHz = Math.Round(a.SpectralCentroidHz, 1),
        SpectralRolloffHz = Math.Round(a.SpectralRolloffHz, 1),
        SpectralFlatness = Math.Round(a.SpectralFlatness, 4),
        ZeroCrossingRate = Math.Round(a.ZeroCrossingRate, 4),
        OnsetRate = Math.Round(a.OnsetRate, 3),
        Codec = a.Probe.Codec,
        SampleRate = a.Probe.SampleRate,
        Channels = a.Probe.Channels,
        Title = a.Probe.Tags.Title,
        Artist = a.Probe.Tags.Artist,
        Timings = timings ? a.Timings : null,
    };
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CliResult))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
