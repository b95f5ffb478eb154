namespace AudioPlatform.Analysis.Engine.Rhythm;

/// <summary>
/// A tempo in beats per minute. <paramref name="Confidence"/> (0..1) is how strongly the onsets repeat at that
/// period; <paramref name="AlternativeBpm"/> is the more likely of half or double the tempo (the usual octave doubt).
/// For 6/8 the beat is the dotted quarter.
/// </summary>
public sealed record TempoEstimate(double Bpm, double Confidence, double AlternativeBpm)
{
    public static TempoEstimate None { get; } = new(0, 0, 0);
}

/// <summary>A time signature such as 3/4 or 6/8, with how sure the estimate is (0..1).</summary>
public sealed record TimeSignature(int Numerator, int Denominator, double Confidence = 1)
{
    public static TimeSignature FourFour { get; } = new(4, 4, 0);

    public override string ToString() => $"{Numerator}/{Denominator}";

    public bool SameMeterAs(TimeSignature other) => Numerator == other.Numerator && Denominator == other.Denominator;
}

/// <summary>Everything the rhythm part of the engine reports for one track.</summary>
public sealed record RhythmAnalysis(TempoEstimate Tempo, IReadOnlyList<double> BeatTimes, TimeSignature TimeSignature, double OnsetRate);
