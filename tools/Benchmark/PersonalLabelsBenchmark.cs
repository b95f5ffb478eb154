using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AudioPlatform.Classification;
using AudioPlatform.Classification.Similarity;
using AudioPlatform.Engine;
using AudioPlatform.Similarity;

namespace AudioPlatform.Benchmark;

/// <summary>
/// The learning curve of the per-user label model (<see cref="PersonalLabelModel"/>) on the real-music development
/// split: a simulated user labels k clips per style, the model predicts the style of every other clip. Styles are per
/// package (tools/RealMusic/packages.tsv), so every clip of a package shares its style; each clip comes from its own
/// source file, so a split "by source file" is a split by clip. The fairer test splits by package: a style's test clips
/// come from packages none of its labelled clips came from (only styles with two or more packages can take part).
/// Dev split only: the model's defaults are chosen here, never on the final or held-out splits.
/// </summary>
internal static class PersonalLabelsBenchmark
{
    public static readonly int[] LabelsPerClass = [1, 3, 5, 10];

    /// <summary>The global genre model's genres that honestly name a style of the set; chiptune and acoustic have none.</summary>
    private static readonly Dictionary<string, string> StyleOfGenre = new()
    {
        ["ambient"] = "ambient",
        ["classical"] = "orchestral",
        ["rock"] = "rock-pop",
        ["pop"] = "rock-pop",
        ["house"] = "electronic",
        ["techno"] = "electronic",
        ["drum-and-bass"] = "electronic",
    };

    /// <summary>One dev clip as the platform would store it: its embedding and the global model's top genre.</summary>
    internal sealed record Item(string Id, string Package, string Style, float[] Embedding, string? GlobalGenre);

    private sealed record Options(string Manifest, string Clips, string Out, int Repetitions, int Seed);

    public static async Task<int> RunAsync(string[] args, string defaultClips)
    {
        var options = Parse(args, defaultClips);
        if (options is null)
        {
            Console.Error.WriteLine("usage: benchmark personal-labels [--real-music tools/RealMusic/manifest.json] [--clips DIR] [--out /tmp/bench] [--repetitions 200] [--seed 1]   (dev split only)");
            return 2;
        }
        var clips = File.Exists(options.Manifest) ? RealMusicManifest.Load(options.Manifest).Where(c => c.Split == "dev").ToList() : [];
        var missing = clips.Count(c => !File.Exists(Path.Combine(options.Clips, c.Id + ".flac")));
        if (clips.Count == 0 || missing > 0)
        {
            Console.Error.WriteLine($"The dev split has {clips.Count} clips in '{options.Manifest}', {missing} of them missing from {options.Clips}: run tools/RealMusic/build.sh first.");
            return 2;
        }
        var items = await EmbedAsync(clips, options);
        Console.WriteLine();
        Console.WriteLine($"Personal labels on the real-music dev split: {items.Count} clips, {options.Repetitions} draws per k (seeds {options.Seed}..{options.Seed + options.Repetitions - 1})");
        foreach (var style in items.GroupBy(i => i.Style).OrderByDescending(g => g.Count()))
            Console.WriteLine($"  {style.Key,-11} {style.Count(),4} clips from {style.Select(i => i.Package).Distinct().Count()} package(s)");

        var byClip = new Protocol("by source file (= by clip)", items, ByClip);
        var byPackage = new Protocol("by package", items.Where(i => items.Where(o => o.Style == i.Style).Select(o => o.Package).Distinct().Count() >= 2).ToList(), ByPackage);

        Console.WriteLine();
        Console.WriteLine("Choices (by package; accuracy of the top label, nothing withheld; neighbours per class × vector):");
        Console.WriteLine($"  {"vector",-26} {"neighbours",10}  " + string.Join("  ", LabelsPerClass.Select(k => $"{"k=" + k,8}")));
        foreach (var (vectorName, slice) in VectorVariants(items[0].Embedding.Length))
        {
            foreach (var neighbours in new[] { 1, 3, 1000 })
            {
                var variant = PersonalLabelOptions.Default with { NeighboursPerClass = neighbours, MinOdds = 1, MinSimilarity = -1 };
                var cells = LabelsPerClass.Select(k => byPackage.Run(k, options, variant, slice).Mean(r => r.TopAccuracy));
                Console.WriteLine($"  {vectorName,-26} {(neighbours == 1000 ? "all" : neighbours.ToString(CultureInfo.InvariantCulture)),10}  " + string.Join("  ", cells.Select(c => $"{c,8:P1}")));
            }
        }
        var head = LabelsPerClass.Select(k => byPackage.Draws(k, options).Average(d =>
        {
            var predict = MaximumEntropyHead.Fit(d.Train.Select(i => (i.Embedding, i.Style)).ToList(), options.Seed);
            return d.Test.Average(i => predict(i.Embedding) == i.Style ? 1.0 : 0);
        }));
        Console.WriteLine($"  {"ML.NET maximum entropy",-26} {"—",10}  " + string.Join("  ", head.Select(c => $"{c,8:P1}")));

        Console.WriteLine();
        Console.WriteLine("Temperature at one example per label (divided by √(examples per label)): mean log-loss of the true label (both protocols; lower is better) per k, and over every k:");
        var temperatures = new[] { 0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 1.0 };
        var losses = temperatures.Select(t => LabelsPerClass.Select(k => new[] { byClip, byPackage }
            .Average(p => p.Run(k, options, PersonalLabelOptions.Default with { Temperature = t }, null).Mean(r => r.LogLoss))).ToList()).ToList();
        Console.WriteLine($"  {"temperature",11}  " + string.Join("  ", LabelsPerClass.Select(k => $"{"k=" + k,6}")) + "     all");
        for (var t = 0; t < temperatures.Length; t++)
            Console.WriteLine($"  {temperatures[t],11}  " + string.Join("  ", losses[t].Select(l => $"{l,6:F3}")) + $"  {losses[t].Average(),6:F3}");
        var overall = losses.Select(l => l.Average()).ToList();
        var fitted = PersonalLabelOptions.Default with { Temperature = temperatures[overall.IndexOf(overall.Min())] };

        Console.WriteLine();
        Console.WriteLine($"Not sure unless the top label is this many times as likely as the runner-up, at temperature {fitted.Temperature} (by package): not sure / accuracy where sure / mean confidence where sure");
        Console.WriteLine($"  {"odds",6}  " + string.Join("  ", LabelsPerClass.Select(k => $"{"k=" + k,-24}")));
        foreach (var threshold in new[] { 1.0, 1.25, 1.5, 2, 3 })
        {
            var cells = LabelsPerClass.Select(k => byPackage.Run(k, options, fitted with { MinOdds = threshold }, null))
                .Select(runs => $"{runs.Mean(r => r.NotSure),6:P0} {runs.Mean(r => r.SureAccuracy),7:P1} {runs.Mean(r => r.SureConfidence),7:P1}  ");
            Console.WriteLine($"  {threshold,6:F2}  " + string.Join("", cells));
        }

        var model = PersonalLabelOptions.Default;
        Console.WriteLine();
        Console.WriteLine($"Learning curve with the defaults (neighbours per class {model.NeighboursPerClass}, temperature {model.Temperature}, "
            + $"not sure unless {model.MinOdds} times as likely as the runner-up and at least {model.MinSimilarity} alike); mean ± standard deviation over the draws:");
        foreach (var protocol in new[] { byClip, byPackage })
        {
            var styles = protocol.Items.Select(i => i.Style).Distinct().Order().ToList();
            Console.WriteLine($"  split {protocol.Name}: {protocol.Items.Count} clips, styles {string.Join(", ", styles)}; chance: balanced {1.0 / styles.Count:P1}, "
                + $"always naming the largest style {protocol.Run(10, options, model, null).Mean(r => r.MajorityShare):P1} of the tested clips (k=10)");
            Console.WriteLine($"    {"k",3} {"labelled",9} {"tested",7}  {"accuracy",15} {"balanced",15} {"not sure",15} {"acc. where sure",15} {"conf. where sure",16}");
            foreach (var k in LabelsPerClass)
            {
                var runs = protocol.Run(k, options, model, null);
                Console.WriteLine($"    {k,3} {runs.Average(r => r.Labelled),9:F1} {runs.Average(r => r.Tested),7:F1}  {Spread(runs, r => r.TopAccuracy),15} {Spread(runs, r => r.BalancedAccuracy),15} "
                    + $"{Spread(runs, r => r.NotSure),15} {Spread(runs, r => r.SureAccuracy),15} {Spread(runs, r => r.SureConfidence),16}");
            }
        }

        PrintGlobalComparison(items, byClip, options, model);
        PrintSpeed(items[0].Embedding.Length);
        return 0;
    }

    /// <summary>The embedding as stored, and its two halves: the standardised features alone, the global models' probabilities alone.</summary>
    private static IEnumerable<(string Name, Range? Slice)> VectorVariants(int length) =>
    [
        ("embedding (as stored)", null),
        ("features part only", ..ModelFeatures.Length),
        ("model probabilities only", ModelFeatures.Length..length),
    ];

    private static void PrintGlobalComparison(List<Item> items, Protocol byClip, Options options, PersonalLabelOptions model)
    {
        var mapped = items.Where(i => StyleOfGenre.ContainsValue(i.Style)).ToList();
        Console.WriteLine();
        Console.WriteLine("The global genre model on the same clips, its top genre mapped to a style (ambient→ambient, classical→orchestral, rock/pop→rock-pop, "
            + "house/techno/drum-and-bass→electronic; any other genre counts wrong; chiptune and acoustic have no honest counterpart among its 11 genres and are left out),");
        Console.WriteLine("beside the personal model's recall per style (split by clip, its top label, as the global model's: neither withholds):");
        Console.WriteLine($"  {"style",-11} {"clips",5} {"global",8}  " + string.Join("  ", LabelsPerClass.Select(k => $"{"k=" + k,7}")));
        var recalls = LabelsPerClass.Select(k => byClip.Run(k, options, model, null)).ToList();
        foreach (var style in items.Select(i => i.Style).Distinct().Order())
        {
            var ofStyle = items.Where(i => i.Style == style).ToList();
            var global = mapped.Contains(ofStyle[0]) ? $"{(double)ofStyle.Count(i => Mapped(i) == style) / ofStyle.Count,8:P1}" : $"{"—",8}";
            Console.WriteLine($"  {style,-11} {ofStyle.Count,5} {global}  " + string.Join("  ", recalls.Select(runs => $"{runs.Average(r => r.Recall.GetValueOrDefault(style, double.NaN)),7:P1}")));
        }
        Console.WriteLine($"  global model on the {mapped.Count} clips of the four mapped styles: {(double)mapped.Count(i => Mapped(i) == i.Style) / mapped.Count:P1} "
            + $"(top genres: {string.Join(", ", mapped.GroupBy(i => i.GlobalGenre ?? "none").OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"))})");
    }

    private static string? Mapped(Item item) => item.GlobalGenre is { } genre ? StyleOfGenre.GetValueOrDefault(genre) : null;

    /// <summary>The Library's worst case: every track of a 10,000-track library predicted from the user's labelled ones.</summary>
    private static void PrintSpeed(int dimensions)
    {
        Console.WriteLine();
        var random = new Random(7);
        float[] RandomVector() => Enumerable.Range(0, dimensions).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        var library = Enumerable.Range(0, 10_000).Select(_ => RandomVector()).ToList();
        foreach (var (labels, perLabel) in new[] { (6, 10), (20, 50) })
        {
            var model = PersonalLabelModel.Fit(Enumerable.Range(0, labels * perLabel).Select(i => new LabelledExample(RandomVector(), $"label{i % labels}")));
            model.Predict(library[0]);
            var clock = Stopwatch.StartNew();
            foreach (var vector in library) model.Predict(vector);
            Console.WriteLine($"Speed: 10,000 tracks of {dimensions} dimensions predicted from {labels * perLabel} labelled ({labels} labels × {perLabel}) in {clock.Elapsed.TotalMilliseconds:F0} ms, one core");
        }
    }

    private static string Spread(IReadOnlyList<Outcome> runs, Func<Outcome, double> value)
    {
        var values = runs.Select(value).Where(v => !double.IsNaN(v)).ToList();
        if (values.Count == 0) return "—";
        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, values.Count - 1));
        return $"{mean * 100,5:F1} ± {sd * 100,4:F1} %";
    }

    /// <summary>One simulated user: the labelled clips and the clips they are tested on.</summary>
    private delegate (List<Item> Train, List<Item> Test) Draw(List<Item> items, int k, Random random);

    /// <summary>Each style gives min(k, n − 2) random clips (at least two of every style are left to test); the rest are tested.</summary>
    private static (List<Item>, List<Item>) ByClip(List<Item> items, int k, Random random)
    {
        var train = new List<Item>();
        foreach (var style in items.GroupBy(i => i.Style))
            train.AddRange(style.OrderBy(_ => random.Next()).Take(Math.Min(k, style.Count() - 2)));
        return (train, items.Except(train).ToList());
    }

    /// <summary>Each style's packages are shuffled and split in two halves (at least one each); k clips are drawn from the first half, the second half is tested.</summary>
    private static (List<Item>, List<Item>) ByPackage(List<Item> items, int k, Random random)
    {
        var train = new List<Item>();
        var test = new List<Item>();
        foreach (var style in items.GroupBy(i => i.Style))
        {
            var packages = style.Select(i => i.Package).Distinct().OrderBy(_ => random.Next()).ToList();
            var labelled = packages.Take(packages.Count / 2).ToHashSet();
            train.AddRange(style.Where(i => labelled.Contains(i.Package)).OrderBy(_ => random.Next()).Take(k));
            test.AddRange(style.Where(i => !labelled.Contains(i.Package)));
        }
        return (train, test);
    }

    private sealed record Outcome(int Labelled, int Tested, double TopAccuracy, double BalancedAccuracy, double NotSure, double SureAccuracy,
        double SureConfidence, double LogLoss, Dictionary<string, double> Recall, double MajorityShare);

    private sealed class Protocol(string name, List<Item> items, Draw draw)
    {
        public string Name => name;

        public List<Item> Items => items;

        /// <summary>Paired draws: repetition r of every k and every variant uses seed + r.</summary>
        public IEnumerable<(List<Item> Train, List<Item> Test)> Draws(int k, Options options) =>
            Enumerable.Range(0, options.Repetitions).Select(r => draw(items, k, new Random(options.Seed + r)));

        public List<Outcome> Run(int k, Options options, PersonalLabelOptions model, Range? slice) =>
            Draws(k, options).Select(d =>
            {
                var (train, test) = d;
                float[] Vector(Item i) => slice is { } s ? i.Embedding[s] : i.Embedding;
                var fitted = PersonalLabelModel.Fit(train.Select(i => new LabelledExample(Vector(i), i.Style)), model);
                var predictions = test.Select(i => (Item: i, Prediction: fitted.Predict(Vector(i)))).ToList();
                bool Top(PersonalPrediction p, string style) => p.Scores.Count > 0 && p.Scores[0].Name == style;
                var sure = predictions.Where(p => p.Prediction.IsSure).ToList();
                var recall = predictions.GroupBy(p => p.Item.Style)
                    .ToDictionary(g => g.Key, g => (double)g.Count(p => Top(p.Prediction, g.Key)) / g.Count());
                return new Outcome(train.Count, test.Count,
                    predictions.Average(p => Top(p.Prediction, p.Item.Style) ? 1.0 : 0),
                    predictions.GroupBy(p => p.Item.Style).Average(g => g.Average(p => Top(p.Prediction, p.Item.Style) ? 1.0 : 0)),
                    1 - (double)sure.Count / predictions.Count,
                    sure.Count == 0 ? double.NaN : sure.Average(p => p.Prediction.Label!.Name == p.Item.Style ? 1.0 : 0),
                    sure.Count == 0 ? double.NaN : sure.Average(p => p.Prediction.Label!.Confidence),
                    predictions.Average(p => -Math.Log(Math.Max(1e-6, p.Prediction.Scores.FirstOrDefault(s => s.Name == p.Item.Style)?.Confidence ?? 0))),
                    recall,
                    (double)test.GroupBy(i => i.Style).Max(g => g.Count()) / test.Count);
            }).ToList();
    }

    /// <summary>The mean over the draws that have a value (a draw where the model was never sure has no accuracy where sure); NaN when none has.</summary>
    private static double Mean(this List<Outcome> runs, Func<Outcome, double> value) =>
        runs.Select(value).Where(v => !double.IsNaN(v)).DefaultIfEmpty(double.NaN).Average();

    /// <summary>Each clip analysed and annotated exactly as the Analysis service does (default AudioAnalyzer, committed models), cached per model version.</summary>
    private static async Task<List<Item>> EmbedAsync(IReadOnlyList<RealMusicClip> clips, Options options)
    {
        var version = $"features-v{FeatureVector.SchemaVersion}/embedding-v{SimilarityEmbedding.Version}";
        var cachePath = Path.Combine(options.Out, $"personal-labels-dev-{version.Replace('/', '-')}.json");
        var cached = File.Exists(cachePath)
            ? JsonSerializer.Deserialize<List<Item>>(File.ReadAllText(cachePath))!.ToDictionary(i => i.Id)
            : [];
        var analyzer = new AudioAnalyzer();
        var annotator = new TrackAnnotator(TrackClassifier.Default);
        var items = new List<Item>(clips.Count);
        foreach (var clip in clips)
        {
            if (!cached.TryGetValue(clip.Id, out var item))
            {
                var insights = annotator.Annotate(await analyzer.AnalyzeAsync(Path.Combine(options.Clips, clip.Id + ".flac")));
                var c = insights.Classification;
                item = new Item(clip.Id, clip.Package, clip.Style, insights.Embedding, c.IsUnknown ? null : c.TopGenre.Name);
            }
            items.Add(item with { Package = clip.Package, Style = clip.Style });
            if (items.Count % 10 == 0 || items.Count == clips.Count) Console.Error.Write($"\r  embedded {items.Count}/{clips.Count}");
        }
        Console.Error.WriteLine();
        Directory.CreateDirectory(options.Out);
        File.WriteAllText(cachePath, JsonSerializer.Serialize(items));
        Console.WriteLine($"Embeddings ({version}): {cachePath}");
        return items;
    }

    private static Options? Parse(string[] args, string defaultClips)
    {
        var result = new Options("tools/RealMusic/manifest.json", defaultClips, "/tmp/bench", 200, 1);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--real-music": result = result with { Manifest = Next() }; break;
                case "--clips": result = result with { Clips = Next() }; break;
                case "--out": result = result with { Out = Next() }; break;
                case "--repetitions": result = result with { Repetitions = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--seed": result = result with { Seed = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                default: return null;
            }
        }
        return result.Repetitions > 0 ? result : null;
    }
}
