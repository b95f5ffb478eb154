using System.Text.Json.Serialization;

namespace AudioPlatform.Engine.Rhythm;

/// <summary>
/// The tempo a listener would tap, in beats per minute, or none (<see cref="Bpm"/> null) with
/// <see cref="MissingReason"/> when the audio has no beat. <see cref="Confidence"/> (0..1) is the probability that the
/// chosen metrical level is the one listeners tap; <see cref="AlternativeBpm"/> is the next most likely level (usually
/// half or double) with its own probability, and <see cref="Ambiguous"/> says the two are close enough to offer both.
/// <see cref="PulseClarity"/> (0..1) is how strongly the onsets repeat at the chosen period. For 6/8 the beat is the
/// dotted quarter.
/// </summary>
public sealed record TempoEstimate(
    double? Bpm,
    double Confidence,
    double? AlternativeBpm,
    double AlternativeConfidence,
    bool Ambiguous,
    double PulseClarity,
    string? MissingReason)
{
    public static TempoEstimate None(string reason, double pulseClarity = 0) => new(null, 0, null, 0, false, pulseClarity, reason);
}

/// <summary>One metrical level the octave decision weighed, and how likely it is the beat.</summary>
public sealed record TempoCandidate(double Bpm, double Confidence)
{
    [JsonIgnore]
    public double PeriodFrames { get; init; }

    /// <summary>What the decision was based on (kept for fitting <see cref="TempoModel"/>, not for the user).</summary>
    [JsonIgnore]
    public TempoEvidence? Evidence { get; init; }
}

/// <summary>The metrical levels, most likely first, or the reason there is no tempo.</summary>
public sealed record TempoDecision(IReadOnlyList<TempoCandidate> Levels, double PulseClarity, string? MissingReason)
{
    public static TempoDecision None(string reason, double pulseClarity) => new([], pulseClarity, reason);

    public TempoCandidate? Chosen => Levels.Count > 0 ? Levels[0] : null;

    public TempoCandidate? Alternative => Levels.Count > 1 ? Levels[1] : null;
}

/// <summary>A time signature such as 3/4 or 6/8, with how sure the estimate is (0..1).</summary>
public sealed record TimeSignature(int Numerator, int Denominator, double Confidence = 1)
{
    public static TimeSignature FourFour { get; } = new(4, 4, 0);

    public override string ToString() => $"{Numerator}/{Denominator}";

    public bool SameMeterAs(TimeSignature other) => Numerator == other.Numerator && Denominator == other.Denominator;
}

/// <summary>Everything the rhythm part of the engine reports for one track.</summary>
public sealed record RhythmAnalysis(TempoEstimate Tempo, IReadOnlyList<double> BeatTimes, TimeSignature TimeSignature, double OnsetRate)
{
    /// <summary>The levels the octave decision weighed, most likely first (empty without a tempo).</summary>
    public IReadOnlyList<TempoCandidate> TempoCandidates { get; init; } = [];
}
