using System.Diagnostics;
using System.Globalization;
using AudioPlatform.Engine.Framing;
using AudioPlatform.Engine.Tonal;
using AudioPlatform.GroundTruth;

namespace AudioPlatform.Benchmark;

/// <summary>
/// <c>--key-experiment</c>: the key front ends (how spectral peaks become the pitch-class profile) × the key profiles
/// and the profile gate, scored on the real-music development split and, with <c>--key-synthetic DIR</c>, on a
/// generated set. Each file is decoded once and its spectra replayed into every front end, so the grid costs one
/// decode per file. Besides the dev score it prints the score per style, the kinds of error, and a leave-one-package-out
/// estimate of picking the best variant (chosen on the other packages, scored on the held-out one), so a choice that
/// wins on a few clips of one game shows up as such.
/// </summary>
internal static class KeyExperiment
{
    private sealed record FrontEnd(string Name, KeyProfileOptions Options);

    private sealed record Matcher(string Name, KeyProfile Profile, double Gate)
    {
        public IReadOnlyList<KeyProfile>? Voters { get; init; }
    }

    private sealed record Item(string Id, string Package, string Style, MusicalKey Reference, string File);

    /// <summary>The front end before essentia's: every peak's magnitude, eight harmonics ×0.6, folded around the estimated tuning.</summary>
    private static readonly KeyProfileOptions Previous = new(PeakWeighting.Magnitude, 8, 0.6, KeyProfile.Shaath, 0, MaxHz: 3500);

    /// <summary>Essentia's KeyExtractor front end on the engine's frames (the default): whitened energy of the 60 strongest peaks, five harmonics, A440.</summary>
    private static readonly KeyProfileOptions EssentiaLike = KeyProfileOptions.Default with { Voters = null };

    private static readonly FrontEnd[] FrontEnds =
    [
        new("previous (magnitude, 8 harmonics ×0.6, tuned)", Previous),
        new("essentia-like (default)", EssentiaLike),
        new("essentia-like, tuning estimated", EssentiaLike with { EstimateTuning = true }),
        new("essentia-like, every frame", EssentiaLike with { FrameStride = 1 }),
        new("essentia-like, magnitude", EssentiaLike with { Energy = false }),
        new("essentia-like, all peaks", EssentiaLike with { MaxPeaks = 0 }),
        new("essentia-like, no whitening", EssentiaLike with { Weighting = PeakWeighting.Magnitude }),
        new("essentia-like, 8 harmonics ×0.6", EssentiaLike with { Harmonics = 8, OctaveHarmonicWeights = false }),
        new("essentia-like, 5 kHz", EssentiaLike with { MaxHz = 5000 }),
    ];

    /// <summary>Essentia's three profiles voting, bgate breaking a three-way split (how the references were formed).</summary>
    private static readonly KeyProfile[] Voters = [KeyProfile.Bgate, KeyProfile.Temperley1999, KeyProfile.Krumhansl];

    private static readonly Matcher[] Matchers = KeyProfile.All
        .SelectMany(p => new[] { new Matcher(p.Name, p, 0), new Matcher(p.Name + " gate0.2", p, 0.2) })
        .Append(new Matcher("vote", KeyProfile.Bgate, 0) { Voters = Voters })
        .Append(new Matcher("vote gate0.2", KeyProfile.Bgate, 0.2) { Voters = Voters }).ToArray();

    public static async Task RunAsync(IReadOnlyList<RealMusicClip> clips, string clipFolder, string? syntheticFolder)
    {
        var real = clips.Where(c => c.ReferenceKey is not null)
            .Select(c => new Item(c.Id, c.Package, c.Style, c.ReferenceKey!.Value, Path.Combine(clipFolder, c.Id + ".flac"))).ToList();
        var synthetic = syntheticFolder is null ? [] : GroundTruthSet.LoadManifest(syntheticFolder)
            .Select(t => new Item(t.Id, "synthetic", "synthetic", new MusicalKey(t.Tonic, t.Mode == "minor" ? KeyMode.Minor : KeyMode.Major), t.File)).ToList();
        Console.WriteLine();
        Console.WriteLine($"Key front ends × profiles on {real.Count} dev clips with a key reference" +
                          (synthetic.Count > 0 ? $" and {synthetic.Count} generated pieces ({syntheticFolder})" : ""));

        // scores[front end][matcher][item]
        var realScores = Scores(real.Count);
        var synthScores = Scores(synthetic.Count);
        var realKeys = new MusicalKey?[FrontEnds.Length, Matchers.Length, real.Count];
        await ScoreAsync(real, realScores, realKeys);
        await ScoreAsync(synthetic, synthScores, null);

        var rows = new List<(int F, int M, double Real, double Synth)>();
        for (var f = 0; f < FrontEnds.Length; f++)
            for (var m = 0; m < Matchers.Length; m++)
                rows.Add((f, m, realScores[f][m].Average(), synthetic.Count > 0 ? synthScores[f][m].Average() : double.NaN));

        var styles = real.Select(r => r.Style).Distinct().Order().ToList();
        Console.WriteLine($"  {"front end",-52} {"profile",-20} {"dev",6} {"synth",6}  " + string.Join(" ", styles.Select(s => $"{Short(s),6}")) + "   fifth rel par other");
        foreach (var (f, m, r, s) in rows.OrderByDescending(x => x.Real).Take(40)
                     .Concat(rows.Where(x => x.M == Array.FindIndex(Matchers, y => y.Profile == KeyProfile.Shaath && y.Gate == 0))))
        {
            var perStyle = styles.Select(style => Mean(real.Select((item, i) => (item, i)).Where(x => x.item.Style == style).Select(x => realScores[f][m][x.i])));
            var kinds = new[] { 0.5, 0.3, 0.2, 0.0 }.Select(v => realScores[f][m].Count(x => x == v));
            Console.WriteLine($"  {FrontEnds[f].Name,-52} {Matchers[m].Name,-20} {F(r),6} {F(s),6}  " + string.Join(" ", perStyle.Select(p => $"{F(p),6}")) +
                              "   " + string.Join(" ", kinds.Select(k => $"{k,4}")));
        }

        Console.WriteLine("  chroma consumer cost per frame (all bookkeeping included), by front end: " +
                          string.Join("; ", FrontEnds.Select((fe, f) => $"{fe.Name} {Cost[f] / Math.Max(1, Frames[f]) * 1e6:F1} µs")));

        // Leave one package out: pick the best variant on the other packages, score it on the held-out package.
        var packages = real.Select(r => r.Package).Distinct().ToList();
        double total = 0;
        var picks = new List<string>();
        foreach (var package in packages)
        {
            var inside = Enumerable.Range(0, real.Count).Where(i => real[i].Package != package).ToList();
            var held = Enumerable.Range(0, real.Count).Where(i => real[i].Package == package).ToList();
            var best = rows.OrderByDescending(x => inside.Sum(i => realScores[x.F][x.M][i])).First();
            total += held.Sum(i => realScores[best.F][best.M][i]);
            picks.Add($"{FrontEnds[best.F].Name} / {Matchers[best.M].Name}");
        }
        Console.WriteLine($"  leave-one-package-out score of picking the best variant: {F(total / real.Count)} over {packages.Count} packages; picks: " +
                          string.Join("; ", picks.GroupBy(p => p).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} ×{g.Count()}")));

        var bestRow = rows.OrderByDescending(x => x.Real).First();
        var currentRow = rows.First(x => x.F == 0 && Matchers[x.M].Profile == KeyProfile.Shaath && Matchers[x.M].Gate == 0 && Matchers[x.M].Voters is null);
        var dump = Path.Combine(Path.GetTempPath(), "key-experiment-clips.csv");
        File.WriteAllLines(dump, real.Select((item, i) => string.Join(',', item.Id, item.Style, item.Reference.Name,
            realKeys[currentRow.F, currentRow.M, i]?.Name, F(realScores[currentRow.F][currentRow.M][i]),
            realKeys[bestRow.F, bestRow.M, i]?.Name, F(realScores[bestRow.F][bestRow.M][i]))).Prepend("clip,style,reference,current,current_score,best,best_score"));
        Console.WriteLine($"  per clip (current and best variant): {dump}");

        // Per package, the best two variants and the current default, to see whether a winner wins everywhere.
        var top = rows.OrderByDescending(x => x.Real).Take(3).ToList();
        var current = rows.First(x => x.F == 0 && Matchers[x.M].Profile == KeyProfile.Shaath && Matchers[x.M].Gate == 0 && Matchers[x.M].Voters is null);
        Console.WriteLine($"  per package (n): current | " + string.Join(" | ", top.Select(t => $"{Short(FrontEnds[t.F].Name)}/{Matchers[t.M].Name}")));
        foreach (var package in packages)
        {
            var held = Enumerable.Range(0, real.Count).Where(i => real[i].Package == package).ToList();
            Console.WriteLine($"    {package,-28} {held.Count,3}  {F(held.Average(i => realScores[current.F][current.M][i]))} | " +
                              string.Join(" | ", top.Select(t => F(held.Average(i => realScores[t.F][t.M][i])))));
        }
    }

    /// <summary>CPU seconds the chroma consumer spent per front end, and the frames it saw (its cost per frame, all else equal).</summary>
    private static readonly double[] Cost = new double[FrontEnds.Length];
    private static readonly long[] Frames = new long[FrontEnds.Length];

    private static double[][][] Scores(int items) =>
        Enumerable.Range(0, FrontEnds.Length).Select(_ => Enumerable.Range(0, Matchers.Length).Select(_ => new double[items]).ToArray()).ToArray();

    private static async Task ScoreAsync(List<Item> items, double[][][] scores, MusicalKey?[,,]? keys)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var recorder = new SpectraRecorder();
            await ReplaySource.FeedAsync(items[i].File, recorder);
            for (var f = 0; f < FrontEnds.Length; f++)
            {
                var chroma = new ChromaBuilder(FrontEnds[f].Options);
                var started = Stopwatch.GetTimestamp();
                for (var frame = 0; frame < recorder.Spectra.Count; frame++) chroma.Consume(frame, default, recorder.Spectra[frame]);
                Cost[f] += Stopwatch.GetElapsedTime(started).TotalSeconds;
                Frames[f] += recorder.Spectra.Count;
                var profile = chroma.TunedProfile();
                for (var m = 0; m < Matchers.Length; m++)
                {
                    var key = new KeyEstimator(Matchers[m].Profile, 0, Matchers[m].Gate, Matchers[m].Voters).Decide(profile).Estimate?.Key;
                    scores[f][m][i] = key is null ? 0 : Scoring.KeyWeighted(key.Value, items[i].Reference);
                    if (keys is not null) keys[f, m, i] = key;
                }
            }
            if ((i + 1) % 20 == 0 || i + 1 == items.Count) Console.Error.Write($"\r  scored {i + 1}/{items.Count}");
        }
        if (items.Count > 0) Console.Error.WriteLine();
    }

    private sealed class SpectraRecorder : IFrameConsumer
    {
        public List<float[]> Spectra { get; } = [];

        public void Consume(int frameIndex, ReadOnlySpan<float> samples, ReadOnlySpan<float> magnitudes) => Spectra.Add(magnitudes.ToArray());
    }

    private static double Mean(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? double.NaN : list.Average();
    }

    private static string Short(string s) => s.Length <= 6 ? s : s[..6];

    private static string F(double value) => double.IsNaN(value) ? "" : value.ToString("0.000", CultureInfo.InvariantCulture);
}
