using System.Globalization;
using System.Text;
using AudioPlatform.Classification;

namespace AudioPlatform.Training;

/// <summary>How many probes of one kind still got labels (they should not).</summary>
public sealed record ProbeRate(string Kind, int Count, int Labelled, IReadOnlyList<string> LabelledIds)
{
    public double Rate => Count == 0 ? 0 : (double)Labelled / Count;
}

/// <summary>
/// Calibration before and after on the held-out test set (reliability tables, ECE per model), and the
/// out-of-distribution refusal: the share of each probe kind that still got labels, and the share of held-out music
/// that was wrongly refused.
/// </summary>
public sealed record CalibrationReport(
    string HeldOutSource,
    LabelCalibration Calibration,
    FamiliarityLimit Familiarity,
    Reliability GenreBefore,
    Reliability GenreAfter,
    IReadOnlyList<(string Label, double Before, double After)> FlagEce,
    Reliability MoodsAfter,
    Reliability InstrumentsAfter,
    IReadOnlyList<ProbeRate> Probes,
    int HeldOutCount,
    int HeldOutUnknown,
    IReadOnlyList<string> HeldOutUnknownReasons,
    int RealCount,
    int RealUnknown,
    (double Low, double High) GenreAfterInterval,
    double GenreValidationBefore,
    double GenreValidationAfter)
{
    /// <summary>Resamplings of the test set for the interval of the genre ECE (fixed seed, so a rerun prints the same).</summary>
    public const int Resamplings = 2000;

    public const string Start = "<!-- calibration:start -->";
    public const string End = "<!-- calibration:end -->";

    public double ProbeLabelledRate => Probes.Sum(p => p.Count) == 0 ? 0 : (double)Probes.Sum(p => p.Labelled) / Probes.Sum(p => p.Count);

    public static CalibrationReport Build(TrackClassifier classifier, IReadOnlyList<Example> heldOut, IReadOnlyList<Example> real, IReadOnlyList<(Probe Probe, float[] FeatureVector)> probes,
        IReadOnlyList<Example> validation)
    {
        var info = classifier.Info;
        List<(double, bool)> TopGenre(IReadOnlyList<Example> set, bool calibrated) => set.Select(e =>
        {
            if (calibrated)
            {
                var c = classifier.Classify(e.FeatureVector);
                return (c.TopGenre.Confidence, c.TopGenre.Name == e.Genre);
            }
            var r = classifier.Score(e.Input).Genres;
            var best = Array.IndexOf(r, r.Max());
            return (r[best], info.Genres[best] == e.Genre);
        }).ToList();
        var raw = heldOut.Select(e => classifier.Score(e.Input)).ToList();
        var calibrated = heldOut.Select(e => classifier.Classify(e.FeatureVector)).ToList();

        var genreBefore = Reliability.Of(TopGenre(heldOut, calibrated: false));
        var topAfter = TopGenre(heldOut, calibrated: true);
        var genreAfter = Reliability.Of(topAfter);
        var interval = Reliability.BootstrapInterval(topAfter, Resamplings, 0.90);
        var validationBefore = Reliability.Of(TopGenre(validation, calibrated: false)).ExpectedCalibrationError;
        var validationAfter = Reliability.Of(TopGenre(validation, calibrated: true)).ExpectedCalibrationError;

        var flagEce = new List<(string, double, double)>();
        var moods = new List<(double, bool)>();
        var instruments = new List<(double, bool)>();
        void Flag(string label, Func<RawScores, double> rawScore, Func<Example, bool> truth, List<(double, bool)> pooled)
        {
            var before = heldOut.Select((e, i) => (rawScore(raw[i]), truth(e))).ToList();
            var after = heldOut.Select((e, i) => (calibrated[i].Probability(label), truth(e))).ToList();
            pooled.AddRange(after);
            flagEce.Add((label, Reliability.Of(before).ExpectedCalibrationError, Reliability.Of(after).ExpectedCalibrationError));
        }
        for (var m = 0; m < info.Moods.Count; m++)
        {
            var (index, label) = (m, info.Moods[m]);
            Flag(label, r => r.Moods[index], e => e.Moods.Contains(label), moods);
        }
        for (var n = 0; n < info.Instruments.Count; n++)
        {
            var (index, label) = (n, info.Instruments[n]);
            Flag(label, r => r.Instruments[index], e => e.Instruments.Contains(label), instruments);
        }

        var probeRates = probes.GroupBy(p => p.Probe.Kind).Select(g =>
        {
            var labelled = g.Where(p => !classifier.Classify(p.FeatureVector).IsUnknown).Select(p => p.Probe.Id).ToList();
            return new ProbeRate(g.Key, g.Count(), labelled.Count, labelled);
        }).ToList();
        var unknownReasons = calibrated.Where(c => c.IsUnknown).Select(c => c.UnknownReason!).ToList();
        var realUnknown = real.Count(e => classifier.Classify(e.FeatureVector).IsUnknown);
        return new CalibrationReport(heldOut.FirstOrDefault()?.Source ?? "", info.Calibration ?? LabelCalibration.Identity, info.Familiarity ?? new FamiliarityLimit(double.PositiveInfinity, 1),
            genreBefore, genreAfter, flagEce, Reliability.Of(moods), Reliability.Of(instruments), probeRates, heldOut.Count, unknownReasons.Count, unknownReasons, real.Count, realUnknown,
            interval, validationBefore, validationAfter);
    }

    public void Print(TextWriter log)
    {
        log.WriteLine();
        log.WriteLine($"Calibration on the held-out test set ({HeldOutSource}, {HeldOutCount} pieces; fitted on the validation set):");
        log.WriteLine($"  genre ECE (10 bins)   before {GenreBefore.ExpectedCalibrationError:F3}  after {GenreAfter.ExpectedCalibrationError:F3}   target ≤ 0.05  {(GenreAfter.ExpectedCalibrationError <= 0.05 ? "ok" : "MISSED")}  (temperature {Calibration.GenreTemperature:F3})");
        log.WriteLine($"  genre ECE 90 % bootstrap interval over the {HeldOutCount} test pieces: {GenreAfterInterval.Low:F3}–{GenreAfterInterval.High:F3}; on the validation set it was fitted on: before {GenreValidationBefore:F3}  after {GenreValidationAfter:F3}");
        foreach (var (label, before, after) in FlagEce) log.WriteLine($"  {label,-12} ECE before {before:F3}  after {after:F3}");
        log.WriteLine($"Out-of-distribution probes labelled (target ≤ 5 % overall): {ProbeLabelledRate:P1}; familiarity limit {Familiarity.Distance:F2} ({Familiarity.Percentile:P0} of validation music)");
        foreach (var p in Probes) log.WriteLine($"  {p.Kind,-20} {p.Labelled,3}/{p.Count,-3} {p.Rate,6:P0} {string.Join(' ', p.LabelledIds)}");
        log.WriteLine($"Held-out music refused as unknown: {HeldOutUnknown}/{HeldOutCount}; real-recording instrument clips refused: {RealUnknown}/{RealCount}");
    }

    /// <summary>The section appended to (or replaced in) each model card.</summary>
    public string CardSection(string family, IReadOnlyList<string> labels)
    {
        var text = new StringBuilder();
        text.AppendLine(Start);
        text.AppendLine("## Calibration and unknown tracks");
        text.AppendLine($"""
            Fitted on the validation set (TimGM6mb, seed 2, never the test set) by the training command and stored in
            `model-info.json`; `TrackClassifier` applies them. Measured on the held-out test set ({HeldOutCount} pieces, {HeldOutSource}).
            Expected calibration error (ECE) over 10 equal-width bins: for the genre model the top probability against
            whether that genre is right; for a yes/no model the probability of "yes" against the share of tracks that have the label.

            """);
        if (family == "genre")
        {
            text.AppendLine($"Temperature scaling of the softmax, T = {F(Calibration.GenreTemperature)} (the negative log-likelihood's minimum on the validation set). " +
                $"ECE **{F(GenreBefore.ExpectedCalibrationError)} → {F(GenreAfter.ExpectedCalibrationError)}** (target ≤ 0.05); 90 % bootstrap interval of the after figure over the " +
                $"{HeldOutCount} test pieces ({Resamplings} resamplings): {F(GenreAfterInterval.Low)}–{F(GenreAfterInterval.High)}. On the validation set the temperature was fitted on: " +
                $"{F(GenreValidationBefore)} → {F(GenreValidationAfter)}.");
            text.AppendLine();
            text.Append(Table("before (raw softmax)", GenreBefore)).AppendLine().Append(Table("after", GenreAfter));
        }
        else
        {
            text.AppendLine("Platt scaling per model over the logit of its raw probability (slope kept ≥ 0, so the order never reverses).");
            text.AppendLine();
            text.AppendLine("| model | A | B | ECE before | ECE after |");
            text.AppendLine("|---|---:|---:|---:|---:|");
            foreach (var (label, before, after) in FlagEce.Where(f => labels.Contains(f.Label)))
            {
                var platt = Calibration.Flags.TryGetValue(label, out var p) ? p : new PlattScaling(1, 0);
                text.AppendLine($"| {label} | {F(platt.A)} | {F(platt.B)} | {F(before)} | {F(after)} |");
            }
            text.AppendLine();
            text.Append(Table($"all {family} models pooled, after", family == "mood" ? MoodsAfter : InstrumentsAfter));
        }
        text.AppendLine();
        text.AppendLine($"""
            ### Unknown tracks
            `LabelGate` withholds every genre, mood and instrument (the analysis document gets empty lists and
            `labelsUnknownReason`) for silence (loudness at the −70 LUFS floor), for audio with neither a beat nor a key, and for
            a track whose distance from the training music (root-mean-square of its standardised inputs, each clipped at
            {FamiliarityLimit.ClipZ:0}) exceeds {F(Familiarity.Distance)}, the {Familiarity.Percentile:P0} point of the validation music.
            Non-music probes (`ProbeSignals`, generated in this repository, and speech from Debian's espeak-ng, GPL-3+, 4 voices × 3 speeds; no audio committed) that still got labels: **{ProbeLabelledRate:P1}** overall (target ≤ 5 %).

            | probe kind | probes | labelled | rate |
            |---|---:|---:|---:|
            """);
        foreach (var p in Probes) text.AppendLine($"| {p.Kind} | {p.Count} | {p.Labelled} | {p.Rate.ToString("P0", CultureInfo.InvariantCulture)} |");
        text.AppendLine();
        text.AppendLine($"Held-out test music refused as unknown: {HeldOutUnknown} of {HeldOutCount}; real-recording instrument clips (single instruments, not songs) refused: {RealUnknown} of {RealCount}.");
        text.AppendLine(End);
        return text.ToString();
    }

    /// <summary>Rewrites the calibration section of the three label model cards in <paramref name="directory"/>.</summary>
    public void WriteCards(string directory, ModelInfo info)
    {
        foreach (var (file, family, labels) in new[] { ("genre.md", "genre", info.Genres), ("moods.md", "mood", info.Moods), ("instruments.md", "instrument", info.Instruments) })
        {
            var path = Path.Combine(directory, file);
            var card = File.Exists(path) ? File.ReadAllText(path) : "";
            var start = card.IndexOf(Start, StringComparison.Ordinal);
            var end = card.IndexOf(End, StringComparison.Ordinal);
            if (start >= 0 && end > start) card = card[..start] + card[(end + End.Length)..].TrimStart('\n');
            File.WriteAllText(path, card.TrimEnd() + "\n\n" + CardSection(family, labels));
        }
    }

    private static string Table(string title, Reliability reliability)
    {
        var text = new StringBuilder();
        text.AppendLine($"Reliability, {title} (ECE {F(reliability.ExpectedCalibrationError)}, {reliability.Count} predictions):");
        text.AppendLine();
        text.AppendLine("| confidence | predictions | mean confidence | observed |");
        text.AppendLine("|---|---:|---:|---:|");
        foreach (var b in reliability.Bins.Where(b => b.Count > 0))
            text.AppendLine($"| {F(b.From, "0.0")}–{F(b.To, "0.0")} | {b.Count} | {F(b.MeanConfidence)} | {F(b.Accuracy)} |");
        return text.ToString();
    }

    private static string F(double value, string format = "0.000") => value.ToString(format, CultureInfo.InvariantCulture);
}
