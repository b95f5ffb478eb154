using System.Globalization;
using AudioPlatform.Engine;
using AudioPlatform.Engine.Rhythm;

namespace AudioPlatform.Benchmark;

/// <summary>
/// Choices made on the development split of the real-music set (never on the final or held-out splits):
/// <c>--fit-tempo</c> fits the tempo octave decision (<see cref="TempoModel"/>); <c>--key-experiment</c> (the key
/// front ends and profiles) is <see cref="KeyExperiment"/>.
/// </summary>
internal static class RealMusicExperiments
{
    private static string F(double value, string format = "0.###") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>The seed of the generated pieces the tempo fit may use: never the synthetic benchmark's own (seed 1 by default).</summary>
    public const int FittingSeed = 1001;

    /// <summary>
    /// Fits on the real clips and, with <paramref name="synthetic"/>, on generated pieces whose tempo is known: the real
    /// clips say where listeners (and the reference estimators) put the beat, the generated ones keep the decision right
    /// across 60–200 BPM, where the real set is thin. The generated pieces together weigh <see cref="GeneratedWeight"/>
    /// times as much as the real clips: each counted once, 300 generated pieces outvoted 160 clips and pulled the prior
    /// towards the generator's flat spread of tempi, away from where the real clips' beats are.
    /// </summary>
    /// <summary>
    /// How much the generated pieces together weigh against the real clips. The largest weight (in steps of 0.1) at which
    /// the fitted decision still ranks as many dev clips right as with the pieces weighing as much as the clips: beyond
    /// it (2.0 loses three clips) the generated pieces' flat spread of tempi pulls the prior away from where the real
    /// clips' beats are; below it the fast generated pieces (175–200 BPM, the beat a quarter note with nothing between)
    /// are halved.
    /// </summary>
    public const double GeneratedWeight = 1.5;

    public static async Task FitTempoAsync(IReadOnlyList<RealMusicClip> clips, string clipFolder, IReadOnlyList<GroundTruth.GroundTruthTrack> synthetic)
    {
        var analyzer = new AudioAnalyzer(new AnalyzerOptions { IncludeSpectrogram = false, WaveformPoints = 16 });
        var examples = new List<(RealMusicClip Clip, TempoModelFitter.Example Example)>();
        var unusable = 0;
        var sources = clips.Where(c => c.ReferenceBpm is not null).Select(c => (Clip: c, File: Path.Combine(clipFolder, c.Id + ".flac")))
            .Concat(synthetic.Select(t => (Clip: new RealMusicClip(t.Id, "generated", "generated", "fit", "", t.Bpm, 0, null, null, null), t.File)));
        foreach (var (clip, file) in sources)
        {
            var analysis = await analyzer.AnalyzeAsync(file);
            var candidates = analysis.TempoCandidates;
            var reference = TempoModelFitter.ReferenceIndex(candidates, clip.ReferenceBpm!.Value);
            // Over a minute the levels are the windows' vote, with no evidence of their own to fit on.
            if (candidates.Any(c => c.Evidence is null))
            {
                Console.WriteLine($"  {clip.Id}: longer than a minute, decided by its windows' vote: not a fitting example");
                unusable++;
                continue;
            }
            if (reference < 0)
            {
                unusable++;
                if (Environment.GetEnvironmentVariable("FIT_TEMPO_VERBOSE") is not null)
                    Console.WriteLine($"  {clip.Id}: reference {F(clip.ReferenceBpm.Value, "0.0")}, levels " +
                                      string.Join(" ", candidates.Select(c => $"{F(c.Bpm, "0.0")}({F(c.Confidence, "0.00")})")) +
                                      (candidates.Count == 0 ? $"{analysis.TempoMissingReason} (clarity {F(analysis.PulseClarity, "0.000")})" : ""));
                continue;
            }
            examples.Add((clip, new TempoModelFitter.Example(candidates.Select(c => c.Evidence!).ToList(), reference)));
        }
        var realCount = examples.Count(e => e.Clip.Package != "generated");
        var generatedCount = examples.Count - realCount;
        if (generatedCount > 0 && realCount > 0)
            examples = examples.Select(e => e.Clip.Package == "generated" ? e with { Example = e.Example with { Weight = GeneratedWeight * realCount / generatedCount } } : e).ToList();
        var all = examples.Select(e => e.Example).ToList();
        var fitted = TempoModelFitter.Fit(all);
        Console.WriteLine();
        Console.WriteLine($"Tempo octave decision on {all.Count} clips with a tempo reference among the candidate levels ({unusable} without; " +
                          $"{examples.Count(e => e.Clip.Package == "generated")} of them generated pieces)");
        Console.WriteLine($"  levels ranked first as the reference: prior only {F(TempoModelFitter.Accuracy(TempoModel.Prior, all), "0.000")}, " +
                          $"fitted {F(TempoModelFitter.Accuracy(fitted, all), "0.000")} (on the data it was fitted on)");

        // Leave one package out: fit on the others, score the package, so the figure says how it carries to new music.
        var right = 0;
        foreach (var package in examples.Select(e => e.Clip.Package).Distinct())
        {
            var model = TempoModelFitter.Fit(examples.Where(e => e.Clip.Package != package).Select(e => e.Example).ToList());
            var held = examples.Where(e => e.Clip.Package == package).Select(e => e.Example).ToList();
            right += (int)Math.Round(TempoModelFitter.Accuracy(model, held) * held.Count);
        }
        Console.WriteLine($"  leave-one-package-out: {F((double)right / all.Count, "0.000")}");
        Console.WriteLine($"  prior centre {F(fitted.PriorCentreBpm, "0.0")} BPM, width {F(fitted.PriorWidthOctaves, "0.00")} octaves");
        Console.WriteLine("  weights (TempoModel.Fitted):");
        Console.WriteLine("    new(" + string.Join(", ", fitted.ToArray().Select(w => F(w, "0.####"))) + ")");
    }
}
