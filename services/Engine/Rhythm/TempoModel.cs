namespace AudioPlatform.Engine.Rhythm;

/// <summary>
/// What the octave decision weighs for each candidate metrical level (<see cref="TempoEvidence"/>): a conditional
/// logit model, score = Σ weight·feature, turned into probabilities by a softmax over the candidates of one track.
/// The weights on log2(BPM/120) and its square are a log-normal prior over tapped tempo (listeners tap mostly between
/// 80 and 160 BPM, Moelants and McKinney 2004); <see cref="PriorCentreBpm"/> and <see cref="PriorWidthOctaves"/> read it back.
/// </summary>
/// <remarks>
/// The weights are not hand-set: <see cref="Fitted"/> was fitted by maximum likelihood on the development split of the
/// real-music set against the consensus of essentia, aubio and the vamp plugins
/// (<c>dotnet run -c Release --project tools/Benchmark -- --real-music tools/RealMusic/manifest.json --fit-tempo</c>).
/// </remarks>
public sealed record TempoModel(
    double Periodicity,
    double BarPeriodicity,
    double SubdivisionPeriodicity,
    double LowBandPeriodicity,
    double LogTempo,
    double LogTempoSquared,
    double LogTempoByOnsetRate)
{
    /// <summary>Before fitting: the periodicity and a prior centred on 120 BPM, one octave wide.</summary>
    public static TempoModel Prior { get; } = new(1, 0, 0, 0, 0, -0.5, 0);

    /// <summary>
    /// The weights in use: fitted on the 157 development clips whose consensus tempo is one of the candidate levels
    /// (of 168 with a tempo reference); the level ranked first is the reference on 90 % of them, also when each package
    /// is left out of the fit in turn. The prior they imply is centred on 124 BPM, 0.18 octaves wide.
    /// </summary>
    public static TempoModel Fitted { get; } = new(2.3222, 0.8242, 0.0644, 0.9832, 1.7074, -5.0187, 0.1708);

    public double Score(TempoEvidence e)
    {
        var weights = ToArray();
        var features = e.Features();
        double score = 0;
        for (var i = 0; i < weights.Length; i++) score += weights[i] * features[i];
        return score;
    }

    /// <summary>The prior's centre: where the quadratic in log2(BPM/120) peaks when the other evidence is level.</summary>
    public double PriorCentreBpm => LogTempoSquared < 0 ? 120 * Math.Pow(2, -LogTempo / (2 * LogTempoSquared)) : double.NaN;

    /// <summary>The prior's standard deviation in octaves.</summary>
    public double PriorWidthOctaves => LogTempoSquared < 0 ? Math.Sqrt(-1 / (2 * LogTempoSquared)) : double.PositiveInfinity;

    public double[] ToArray() => [Periodicity, BarPeriodicity, SubdivisionPeriodicity, LowBandPeriodicity, LogTempo, LogTempoSquared, LogTempoByOnsetRate];

    public static TempoModel FromArray(IReadOnlyList<double> w) => new(w[0], w[1], w[2], w[3], w[4], w[5], w[6]);
}

/// <summary>
/// The evidence for one candidate metrical level. Periodicities are the onset autocorrelation's peak near the
/// candidate's period (and at twice and half of it; for the low band alone), as natural logs floored at 0.01;
/// <see cref="LogTempo"/> is log2(BPM/120); <see cref="LogOnsetRate"/> is log2 of the track's onsets per second over two.
/// </summary>
public sealed record TempoEvidence(
    double LogPeriodicity,
    double LogBarPeriodicity,
    double LogSubdivisionPeriodicity,
    double LogLowBandPeriodicity,
    double LogTempo,
    double LogOnsetRate)
{
    public double[] Features() =>
        [LogPeriodicity, LogBarPeriodicity, LogSubdivisionPeriodicity, LogLowBandPeriodicity, LogTempo, LogTempo * LogTempo, LogTempo * LogOnsetRate];
}
