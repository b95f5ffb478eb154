using System.Diagnostics;
using System.Globalization;
using AudioPlatform.Engine.Framing;
using AudioPlatform.Engine.Rhythm;

namespace AudioPlatform.Benchmark;

/// <summary>
/// <c>--tempo-experiment</c>: the rhythm path alone (onset envelopes, tempo decision, beats) on the tuning clips, fast
/// enough to try a change of the tempo code in half a minute. Each clip is decoded once by ffmpeg (mono, the analysis
/// rate) into <c>OUT/pcm</c>; every run replays the samples through the engine's STFT and <see cref="RhythmAnalyzer"/>.
/// It prints Acc1/Acc2 per split, the octave decision refitted leave-one-package-out with subsets of its evidence and with
/// candidate new evidence (the figure that says how a choice carries to music it was not made on), and with
/// <c>--verbose</c> every miss.
/// </summary>
internal static class TempoExperiment
{
    private const string GeneratedSplit = "generated";

    private static bool IsGenerated(RealMusicClip clip) => clip.Split == GeneratedSplit;

    private static string F(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);

    private sealed record ClipRhythm(RealMusicClip Clip, RhythmAnalysis Rhythm, double RelativeFlux, double[] FullAcf, double[] LowAcf, double[] MidAcf, double[] HighAcf)
    {
        public double[] Comb { get; } = RayleighComb(FullAcf);
    }

    public static async Task RunAsync(IReadOnlyList<RealMusicClip> realClips, string clipFolder, string outFolder, bool verbose, IReadOnlyList<string> generatedFolders)
    {
        // Generated pieces join as clips of the split "generated", a package per folder; their file path is their id.
        var generated = generatedFolders.SelectMany(folder => GroundTruth.GroundTruthSet.LoadManifest(folder)
            .Select(t => new RealMusicClip(t.File, Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)), "generated", GeneratedSplit, "", t.Bpm, 5, null, null, null)));
        var clips = realClips.Concat(generated).ToList();
        var pcmFolder = Path.Combine(outFolder, "pcm");
        Directory.CreateDirectory(pcmFolder);
        var analysed = new ClipRhythm[clips.Count];
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, clips.Count), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (i, ct) =>
        {
            var clip = clips[i];
            var file = IsGenerated(clip) ? clip.Id : Path.Combine(clipFolder, clip.Id + ".flac");
            var samples = await DecodeOnceAsync(file, Path.Combine(pcmFolder, clip.Id.Replace('/', '_') + ".f32"), ct);
            var onsets = new OnsetEnvelopeBuilder();
            var pipeline = new StftPipeline();
            pipeline.Add(onsets);
            pipeline.Push(samples);
            pipeline.Complete();
            var lags = (int)Math.Ceiling(4 * 60 * FrameSettings.FrameRate / TempoEstimator.MinBpm);
            analysed[i] = new ClipRhythm(clip, RhythmAnalyzer.Analyze(onsets), onsets.RelativeFlux,
                TempoEstimator.Autocorrelation(onsets.GetEnvelope(), lags), TempoEstimator.Autocorrelation(onsets.GetLowEnvelope(), lags),
                TempoEstimator.Autocorrelation(onsets.GetMidEnvelope(), lags), TempoEstimator.Autocorrelation(onsets.GetHighEnvelope(), lags));
        });
        var all = analysed.Where(r => r.Clip.ReferenceBpm is not null).ToArray();
        var results = all.Where(r => !IsGenerated(r.Clip)).ToArray();
        var csv = Path.Combine(outFolder, "tempo-experiment.csv");
        await File.WriteAllLinesAsync(csv, analysed.Select(r => string.Join(',', r.Clip.Id, r.Clip.Split,
                r.Clip.ReferenceBpm?.ToString(CultureInfo.InvariantCulture), r.Rhythm.Tempo.Bpm?.ToString(CultureInfo.InvariantCulture),
                r.RelativeFlux.ToString(CultureInfo.InvariantCulture)))
            .Prepend("clip,split,reference,engine,relative_flux"));
        Console.WriteLine($"Tempo experiment: {clips.Count} clips, {results.Length} with a tempo reference; rhythm path in {F(watch.Elapsed.TotalSeconds)} s; each clip's tempo in {csv}");
        Console.WriteLine($"  lowest relative flux (a tempo needs {F(TempoEstimator.MinRelativeFlux, "0.000")}): " +
                          string.Join(", ", analysed.Where(r => r.RelativeFlux > 0).OrderBy(r => r.RelativeFlux).Take(3).Select(r => $"{r.Clip.Id} {F(r.RelativeFlux, "0.0000")}")) +
                          $"; {analysed.Count(r => r.RelativeFlux == 0)} silent");
        foreach (var group in all.GroupBy(r => r.Clip.Split).Append(results.GroupBy(_ => "all").Single()))
        {
            var n = group.Count();
            var acc1 = group.Count(r => Acc1(r.Rhythm.Tempo.Bpm, r.Clip.ReferenceBpm!.Value));
            var acc2 = group.Count(r => r.Rhythm.Tempo.Bpm is { } b && Scoring.TempoAcc2(b, r.Clip.ReferenceBpm!.Value));
            var strong = group.Where(r => r.Clip.TempoAgreement >= 3).ToList();
            var strongAcc1 = strong.Count(r => Acc1(r.Rhythm.Tempo.Bpm, r.Clip.ReferenceBpm!.Value));
            var ratios = string.Join(", ", group.Where(r => r.Rhythm.Tempo.Bpm is not null)
                .GroupBy(r => Scoring.TempoRatioClass(r.Rhythm.Tempo.Bpm!.Value / r.Clip.ReferenceBpm!.Value)).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"));
            Console.WriteLine($"  {group.Key,-6} n={n,3}  Acc1 {F(100.0 * acc1 / n)} %  Acc2 {F(100.0 * acc2 / n)} %  no tempo {group.Count(r => r.Rhythm.Tempo.Bpm is null)}  " +
                              $"(≥3 agree: {strong.Count}, Acc1 {F(100.0 * strongAcc1 / Math.Max(1, strong.Count))} %)  ratios: {ratios}");
        }

        var reachable = results.Count(r => TempoModelFitter.ReferenceIndex(r.Rhythm.TempoCandidates, r.Clip.ReferenceBpm!.Value) >= 0);
        var inUse = results.Count(r => r.Rhythm.TempoCandidates.Count > 0 && Acc1(r.Rhythm.TempoCandidates[0].Bpm, r.Clip.ReferenceBpm!.Value));
        var comb = results.Count(r => Acc1(60 * FrameSettings.FrameRate / Array.IndexOf(r.Comb, r.Comb.Max()), r.Clip.ReferenceBpm!.Value));
        Console.WriteLine($"  level decision on {results.Length} clips: in use {F(100.0 * inUse / results.Length)} %, reference among the levels " +
                          $"{F(100.0 * reachable / results.Length)} %; a Rayleigh-weighted comb filterbank alone {F(100.0 * comb / results.Length)} %");
        // The refits are of the decision on one excerpt: a track over two windows long is decided by the windows' vote,
        // whose levels carry no evidence of their own (TempoEstimator.WholeTrackWindows).
        var voted = results.Count(r => r.Rhythm.TempoCandidates.Any(c => c.Evidence is null));
        if (voted > 0) Console.WriteLine($"  {voted} of the {results.Length} are decided by the vote of their windows: no refits (they need excerpts of a minute or less)");
        else Refit(results, all.Where(r => IsGenerated(r.Clip)).ToArray());

        if (!verbose) return;
        foreach (var r in results.Where(r => !Acc1(r.Rhythm.Tempo.Bpm, r.Clip.ReferenceBpm!.Value)).OrderBy(r => r.Clip.Id, StringComparer.Ordinal))
        {
            var t = r.Rhythm.Tempo;
            Console.WriteLine($"    {r.Clip.Split,-5} {r.Clip.Id,-50} ref {F(r.Clip.ReferenceBpm!.Value),6} ({r.Clip.TempoAgreement}) est {(t.Bpm is { } b ? F(b) : "none"),6} " +
                              $"clarity {F(t.PulseClarity, "0.000")} levels " +
                              string.Join(" ", r.Rhythm.TempoCandidates.Take(5).Select(c => $"{F(c.Bpm)}({F(c.Confidence, "0.00")})")));
        }
    }

    /// <summary>The decision refitted with each package left out, over evidence subsets; and real clips against generated pieces.</summary>
    private static void Refit(ClipRhythm[] results, ClipRhythm[] pieces)
    {
        Console.WriteLine("  the decision refitted with each package left out and scored on it (no tempo counts as a miss):");
        foreach (var (name, features) in Evidence)
            foreach (var ridge in new[] { 0.01, 0.3, 3 })
                Console.WriteLine($"    {name,-58} ridge {F(ridge, "0.00"),5}: {F(100.0 * LeaveOnePackageOut(results, features, ridge) / results.Length)} %");

        // The real clips against the generated pieces: each package of real clips left out in turn as above, the generated
        // pieces split in halves (fitted on one, scored on the other), at several total weights of the generated pieces
        // relative to the real clips.
        if (pieces.Length > 0)
        {
            Console.WriteLine("  the decision refitted on real clips and generated pieces, by the generated pieces' total weight (ridge 0.01):");
            foreach (var (name, features) in Evidence.Where(e => e.Name == "all ten features" || e.Name.StartsWith('+')))
                foreach (var weight in new[] { 0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0 })
                {
                    var (realRight, pieceRight) = RealAgainstGenerated(results, pieces, weight, features);
                    Console.WriteLine($"    {name,-52} weight {F(weight, "0.00"),4}: real clips, one package out {F(100.0 * realRight / results.Length)} %; " +
                                      $"generated, the other half {F(100.0 * pieceRight / pieces.Length)} %");
                }
        }
    }

    private static (int Real, int Generated) RealAgainstGenerated(IReadOnlyList<ClipRhythm> real, IReadOnlyList<ClipRhythm> pieces, double weight,
        Func<ClipRhythm, TempoCandidate, double[]> features)
    {
        var width = real.SelectMany(r => r.Rhythm.TempoCandidates.Select(c => features(r, c).Length)).First();
        var start = TempoModel.Prior.ToArray().Concat(Enumerable.Repeat(0.0, width)).Take(width).ToArray();
        TempoModelFitter.FeatureExample Example(ClipRhythm r, double w) =>
            new(r.Rhythm.TempoCandidates.Select(c => features(r, c)).ToArray(), TempoModelFitter.ReferenceIndex(r.Rhythm.TempoCandidates, r.Clip.ReferenceBpm!.Value), w);
        bool Right(double[] w, ClipRhythm r) =>
            r.Rhythm.TempoCandidates.Count > 0 && Acc1(r.Rhythm.TempoCandidates.MaxBy(c => features(r, c).Zip(w, (a, b) => a * b).Sum())!.Bpm, r.Clip.ReferenceBpm!.Value);
        var halves = pieces.Select((r, i) => (r, i)).GroupBy(x => x.i % 2, x => x.r).Select(g => g.ToArray()).ToArray();
        var realRight = 0;
        foreach (var package in real.Select(r => r.Clip.Package).Distinct())
        {
            var training = real.Where(r => r.Clip.Package != package).ToList();
            var w = TempoModelFitter.Fit(training.Select(r => Example(r, 1)).Concat(pieces.Select(r => Example(r, weight * training.Count / pieces.Count))).ToList(), start);
            realRight += real.Where(r => r.Clip.Package == package).Count(r => Right(w, r));
        }
        var pieceRight = 0;
        for (var h = 0; h < halves.Length; h++)
        {
            var fit = halves[1 - h];
            var w = TempoModelFitter.Fit(real.Select(r => Example(r, 1)).Concat(fit.Select(r => Example(r, weight * real.Count / fit.Length))).ToList(), start);
            pieceRight += halves[h].Count(r => Right(w, r));
        }
        return (realRight, pieceRight);
    }

    /// <summary>How many clips get the reference as the level ranked first when the decision is fitted on the other packages.</summary>
    private static int LeaveOnePackageOut(IReadOnlyList<ClipRhythm> results, Func<ClipRhythm, TempoCandidate, double[]> features, double ridge)
    {
        var width = results.SelectMany(r => r.Rhythm.TempoCandidates.Select(c => features(r, c).Length)).First();
        var start = TempoModel.Prior.ToArray().Concat(Enumerable.Repeat(0.0, width)).Take(width).ToArray();
        var right = 0;
        foreach (var package in results.Select(r => r.Clip.Package).Distinct())
        {
            var training = results.Where(r => r.Clip.Package != package)
                .Select(r => new TempoModelFitter.FeatureExample(r.Rhythm.TempoCandidates.Select(c => features(r, c)).ToArray(),
                    TempoModelFitter.ReferenceIndex(r.Rhythm.TempoCandidates, r.Clip.ReferenceBpm!.Value)))
                .ToList();
            var w = TempoModelFitter.Fit(training, start, ridge);
            right += results.Where(r => r.Clip.Package == package && r.Rhythm.TempoCandidates.Count > 0)
                .Count(r => Acc1(r.Rhythm.TempoCandidates.MaxBy(c => features(r, c).Zip(w, (a, b) => a * b).Sum())!.Bpm, r.Clip.ReferenceBpm!.Value));
        }
        return right;
    }

    /// <summary>The evidence compared: the model's, subsets of it (the rest zero), and the model's with candidate additions.</summary>
    private static readonly (string Name, Func<ClipRhythm, TempoCandidate, double[]> Features)[] Evidence =
    [
        ("all ten features", (_, c) => c.Evidence!.Features()),
        ("prior + periodicity", (_, c) => new TempoEvidence(c.Evidence!.LogPeriodicity, 0, 0, 0, c.Evidence.LogTempo, 0).Features()),
        ("prior + periodicity + grid", (_, c) => new TempoEvidence(c.Evidence!.LogPeriodicity, 0, 0, 0, c.Evidence.LogTempo, 0, c.Evidence.LogGridPeriodicity).Features()),
        ("all but the onset rate", (_, c) => (c.Evidence! with { LogOnsetRate = 0 }).Features()),
        ("all but the beat contrast", (_, c) => (c.Evidence! with { BeatContrast = 0 }).Features()),
        ("all but the bar", (_, c) => (c.Evidence! with { LogBarPeriodicity = 0 }).Features()),
        ("+ log tempo cubed (an asymmetric prior)", (_, c) => [.. c.Evidence!.Features(), Math.Pow(c.Evidence.LogTempo, 3)]),
        ("+ hinge above 150 BPM", (_, c) => [.. c.Evidence!.Features(), Math.Max(0, c.Evidence.LogTempo - Math.Log2(150.0 / 120))]),
        ("+ hinge above 160 BPM", (_, c) => [.. c.Evidence!.Features(), Math.Max(0, c.Evidence.LogTempo - Math.Log2(160.0 / 120))]),
        ("+ hinge above 170 BPM", (_, c) => [.. c.Evidence!.Features(), Math.Max(0, c.Evidence.LogTempo - Math.Log2(170.0 / 120))]),
        ("+ hinges above 160 and below 80 BPM (the tapping range)", (_, c) => [.. c.Evidence!.Features(), Math.Max(0, c.Evidence.LogTempo - Math.Log2(160.0 / 120)), Math.Max(0, Math.Log2(80.0 / 120) - c.Evidence.LogTempo)]),
        ("+ hinges above 160 and below 90 BPM", (_, c) => [.. c.Evidence!.Features(), Math.Max(0, c.Evidence.LogTempo - Math.Log2(160.0 / 120)), Math.Max(0, Math.Log2(90.0 / 120) - c.Evidence.LogTempo)]),
        ("+ mid and high bands at the level", (r, c) => [.. c.Evidence!.Features(), LogAt(r.MidAcf, c.PeriodFrames), LogAt(r.HighAcf, c.PeriodFrames)]),
        ("+ low band at twice the period", (r, c) => [.. c.Evidence!.Features(), LogAt(r.LowAcf, 2 * c.PeriodFrames)]),
        ("+ low band at half the period", (r, c) => [.. c.Evidence!.Features(), LogAt(r.LowAcf, c.PeriodFrames / 2)]),
        ("+ Rayleigh-weighted comb filterbank at the level", (r, c) => [.. c.Evidence!.Features(), LogAt(r.Comb, c.PeriodFrames)]),
    ];

    private static double LogAt(double[] values, double lag) => lag * 1.04 >= values.Length - 1 ? Math.Log(0.01) : Math.Log(Math.Max(0.01, TempoEstimator.Strength(values, lag)));

    /// <summary>
    /// Davies and Plumbley's shift-invariant comb filterbank over the autocorrelation, weighted by a Rayleigh curve peaking
    /// at 120 BPM (the octave rule of aubio's and essentia's degara trackers): a score per integer lag, normalised to its maximum.
    /// </summary>
    private static double[] RayleighComb(double[] acf)
    {
        var frameRate = FrameSettings.FrameRate;
        var beta = 60 * frameRate / 120;
        var minLag = (int)Math.Ceiling(60 * frameRate / TempoEstimator.MaxBpm);
        var maxLag = (int)Math.Floor(60 * frameRate / TempoEstimator.MinBpm);
        var comb = new double[maxLag + 2];
        for (var lag = minLag; lag <= maxLag; lag++)
        {
            double sum = 0;
            for (var p = 1; p <= 4; p++)
                for (var v = 1 - p; v <= p - 1; v++)
                {
                    var i = p * lag + v;
                    if (i > 0 && i < acf.Length) sum += Math.Max(0, acf[i]) / (2 * p - 1);
                }
            comb[lag] = sum * lag / (beta * beta) * Math.Exp(-lag * lag / (2 * beta * beta));
        }
        var max = comb.Max();
        if (max > 0) for (var i = 0; i < comb.Length; i++) comb[i] /= max;
        return comb;
    }

    private static bool Acc1(double? estimate, double reference) => estimate is { } e && Scoring.TempoAcc1(e, reference);

    private static async Task<float[]> DecodeOnceAsync(string file, string cache, CancellationToken ct)
    {
        if (!File.Exists(cache))
        {
            var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in ReplaySource.DecodeArguments(file, cache + ".part")) start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0) throw new InvalidOperationException($"ffmpeg could not decode {file}");
            File.Move(cache + ".part", cache, overwrite: true);
        }
        var bytes = await File.ReadAllBytesAsync(cache, ct);
        var samples = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, samples, 0, samples.Length * 4);
        return samples;
    }
}
