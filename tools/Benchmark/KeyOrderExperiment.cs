using System.Globalization;
using AudioPlatform.Engine.Framing;
using AudioPlatform.Engine.Rhythm;
using AudioPlatform.Engine.Tonal;
using AudioPlatform.GroundTruth;

namespace AudioPlatform.Benchmark;

/// <summary>
/// <c>--key-order-experiment</c>: what the order of the chords adds to the whole-track key profile, on the real-music
/// development split and the generated pieces of the fitting seed (1001, never the benchmark's seed 1). Each file is
/// decoded once; its beats, beat-synchronous treble and bass chroma and the profile vote's key are kept, and the
/// variants are scored from them:
/// <list type="bullet">
/// <item>the final chord (<see cref="FinalChord"/>) choosing between the vote's key and its relative (and its fifth
/// neighbours), by the margin it must win by, the silence that makes an ending, and a limit on how far the candidate's
/// mean profile correlation may be below the key's;</item>
/// <item>evidence from inside the recording, for excerpts without an ending: the tonic chord's match over all beats or
/// over the downbeats only, switching when it wins by θ and the mean correlations are within τ.</item>
/// </list>
/// </summary>
internal static class KeyOrderExperiment
{
    private sealed record Item(string Id, MusicalKey Reference, string File);

    /// <summary>What a variant needs of one file.</summary>
    private sealed record Facts(MusicalKey? Vote, MusicalKey? Engine, double[] MeanCorrelation, FinalChord?[] Endings, FinalChord[] Beats, bool[] Downbeat);

    private static readonly double[] SilenceSeconds = [0.5, FinalChord.MinSilenceSeconds, 2];

    public static async Task RunAsync(IReadOnlyList<RealMusicClip> clips, string clipFolder, IReadOnlyList<GroundTruthTrack> synthetic)
    {
        var real = clips.Where(c => c.ReferenceKey is not null).Select(c => new Item(c.Id, c.ReferenceKey!.Value, Path.Combine(clipFolder, c.Id + ".flac"))).ToList();
        var generated = synthetic.Select(t => new Item(t.Id, new MusicalKey(t.Tonic, t.Mode == "minor" ? KeyMode.Minor : KeyMode.Major), t.File)).ToList();
        Console.WriteLine();
        Console.WriteLine($"Key from the order of the chords: {real.Count} dev clips with a key reference, {generated.Count} generated pieces (seed {RealMusicExperiments.FittingSeed})");
        var realFacts = await CollectAsync(real);
        var generatedFacts = await CollectAsync(generated);
        Console.WriteLine($"  recordings that end (≥ {FinalChord.MinSilenceSeconds} s of silence after the music): real {realFacts.Count(f => f.Endings[1] is not null)} of {real.Count}, " +
                          $"generated {generatedFacts.Count(f => f.Endings[1] is not null)} of {generated.Count}");

        void Row(string name, Func<Facts, MusicalKey?> decide)
        {
            var (realScore, realChanged, realKinds) = Score(real, realFacts, decide);
            var (generatedScore, generatedChanged, generatedKinds) = Score(generated, generatedFacts, decide);
            Console.WriteLine($"  {name,-72} real {F(realScore)} ({realChanged,2} changed; {realKinds})   generated {F(generatedScore)} ({generatedChanged,2} changed; {generatedKinds})");
        }

        Row("profile vote (no order)", f => f.Vote);
        Row("engine (the vote and the final chord)", f => f.Engine);
        foreach (var fifths in new[] { false, true })
            foreach (var margin in new[] { 0, KeyEstimator.FinalChordMargin, 0.1, 0.15 })
                Row($"final chord, {(fifths ? "relative and fifths" : "relative only")}, margin {margin}",
                    f => f.Endings[1] is { } ending ? Choose(f, fifths, margin, double.PositiveInfinity, ending.TonicMatch) : f.Vote);
        for (var s = 0; s < SilenceSeconds.Length; s++)
        {
            var index = s;
            Row($"final chord, relative and fifths, margin {KeyEstimator.FinalChordMargin}, silence {SilenceSeconds[s]} s",
                f => f.Endings[index] is { } ending ? Choose(f, true, KeyEstimator.FinalChordMargin, double.PositiveInfinity, ending.TonicMatch) : f.Vote);
        }
        foreach (var limit in new[] { 0.1, 0.2, 0.3 })
            Row($"final chord, relative and fifths, margin {KeyEstimator.FinalChordMargin}, candidate within {limit} correlation",
                f => f.Endings[1] is { } ending ? Choose(f, true, KeyEstimator.FinalChordMargin, limit, ending.TonicMatch) : f.Vote);

        foreach (var downbeats in new[] { false, true })
            foreach (var fifths in new[] { false, true })
                foreach (var tau in new[] { 0.02, 0.05, 0.1, 0.2 })
                    foreach (var theta in new[] { 0, 0.05, 0.1, 0.2 })
                        Row($"inside: {(downbeats ? "downbeats" : "all beats")}, {(fifths ? "relative and fifths" : "relative only")}, τ {tau}, θ {theta}",
                            f => Choose(f, fifths, theta, tau, key => MeanMatch(f, key, downbeats)));
    }

    /// <summary>The vote's key, or the candidate (its relative, and its fifth neighbours) whose evidence beats it by <paramref name="margin"/>.</summary>
    private static MusicalKey? Choose(Facts facts, bool fifths, double margin, double correlationLimit, Func<MusicalKey, double> evidence)
    {
        if (facts.Vote is not { } key) return null;
        var chosen = key;
        var bar = evidence(key) + margin;
        var candidates = fifths
            ? new[] { key.RelativeKey(), key with { Tonic = (key.Tonic + 7) % 12 }, key with { Tonic = (key.Tonic + 5) % 12 } }
            : [key.RelativeKey()];
        foreach (var candidate in candidates)
        {
            if (facts.MeanCorrelation[Index(key)] - facts.MeanCorrelation[Index(candidate)] > correlationLimit) continue;
            var value = evidence(candidate);
            if (value <= bar) continue;
            chosen = candidate;
            bar = value;
        }
        return chosen;
    }

    private static double MeanMatch(Facts facts, MusicalKey key, bool downbeatsOnly)
    {
        double sum = 0;
        var count = 0;
        for (var i = 0; i < facts.Beats.Length; i++)
        {
            if (downbeatsOnly && !facts.Downbeat[i]) continue;
            sum += facts.Beats[i].TonicMatch(key);
            count++;
        }
        return count == 0 ? 0 : sum / count;
    }

    private static (double Score, int Changed, string Kinds) Score(List<Item> items, List<Facts> facts, Func<Facts, MusicalKey?> decide)
    {
        if (items.Count == 0) return (double.NaN, 0, "");
        double total = 0;
        var changed = 0;
        var kinds = new Dictionary<string, int>();
        for (var i = 0; i < items.Count; i++)
        {
            var key = decide(facts[i]);
            total += key is { } k ? Scoring.KeyWeighted(k, items[i].Reference) : 0;
            if (key != facts[i].Vote) changed++;
            var kind = key is { } e ? Scoring.KeyRelation(e, items[i].Reference) : "none";
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
        }
        return (total / items.Count, changed, string.Join(" ", kinds.OrderByDescending(k => k.Value).Select(k => $"{k.Key} {k.Value}")));
    }

    private static async Task<List<Facts>> CollectAsync(List<Item> items)
    {
        var facts = new List<Facts>(items.Count);
        var voters = KeyProfileOptions.Default.Voters ?? [KeyProfileOptions.Default.Profile];
        for (var i = 0; i < items.Count; i++)
        {
            var onsets = new OnsetEnvelopeBuilder();
            var chroma = new ChromaBuilder();
            await ReplaySource.FeedAsync(items[i].File, new Both(onsets, chroma));
            var rhythm = RhythmAnalyzer.Analyze(onsets, chroma);
            var profile = chroma.TunedProfile();
            var estimator = new KeyEstimator();
            var vote = estimator.Decide(profile).Estimate?.Key;
            var engine = estimator.Decide(profile, chroma.TunedBassProfile(), 0, FinalChord.Find(chroma, rhythm.BeatTimes)).Estimate?.Key;
            var mean = new double[24];
            for (var k = 0; k < 24; k++)
                mean[k] = voters.Average(v => KeyEstimator.Correlation(profile, k < 12 ? v.Major : v.Minor, k % 12));
            var endings = SilenceSeconds.Select(s => FinalChord.Find(chroma, rhythm.BeatTimes, s)).ToArray();
            var (beats, downbeat) = BeatChords(chroma, onsets, rhythm);
            facts.Add(new Facts(vote, engine, mean, endings, beats, downbeat));
            if ((i + 1) % 20 == 0 || i + 1 == items.Count) Console.Error.Write($"\r  collected {i + 1}/{items.Count}");
        }
        if (items.Count > 0) Console.Error.WriteLine();
        return facts;
    }

    /// <summary>
    /// Each beat's treble and bass chroma (as a chord to match tonic chords against), and which beats are downbeats: the
    /// bar phase (beats per bar from the metre, 6/8 as two) whose beats carry the strongest onset and low-band accents.
    /// </summary>
    private static (FinalChord[] Beats, bool[] Downbeat) BeatChords(ChromaBuilder chroma, OnsetEnvelopeBuilder onsets, RhythmAnalysis rhythm)
    {
        var frames = rhythm.BeatTimes.Select(t => (int)Math.Round(t * FrameSettings.FrameRate)).ToArray();
        var beats = new FinalChord[frames.Length];
        var accents = new double[frames.Length];
        var envelope = onsets.GetEnvelope();
        var low = onsets.GetLowEnvelope();
        Span<float> frame = stackalloc float[ChromaBuilder.Bins];
        for (var i = 0; i < frames.Length; i++)
        {
            var start = Math.Min(frames[i], chroma.FrameCount);
            var end = Math.Min(chroma.FrameCount, i + 1 < frames.Length ? frames[i + 1] : start + (i > 0 ? start - frames[i - 1] : 1));
            var treble = new double[ChromaBuilder.Bins];
            var bass = new double[ChromaBuilder.Bins];
            for (var t = start; t < end; t++)
            {
                chroma.Frame(t, frame);
                for (var c = 0; c < ChromaBuilder.Bins; c++) treble[c] += frame[c];
                chroma.BassFrame(t, frame);
                for (var c = 0; c < ChromaBuilder.Bins; c++) bass[c] += frame[c];
            }
            beats[i] = new FinalChord(treble, bass);
            for (var t = Math.Max(0, start - 2); t <= Math.Min(envelope.Length - 1, start + 2); t++)
                accents[i] = Math.Max(accents[i], envelope[t] + low[t]);
        }
        var perBar = rhythm.TimeSignature.Numerator == 6 ? 2 : Math.Max(1, rhythm.TimeSignature.Numerator);
        var phase = Enumerable.Range(0, perBar).OrderByDescending(p => Enumerable.Range(0, frames.Length).Where(i => i % perBar == p).DefaultIfEmpty(-1)
            .Average(i => i < 0 ? 0 : accents[i])).First();
        return (beats, Enumerable.Range(0, frames.Length).Select(i => i % perBar == phase).ToArray());
    }

    private static int Index(MusicalKey key) => key.Tonic + (key.Mode == KeyMode.Major ? 0 : 12);

    private sealed class Both(IFrameConsumer first, IFrameConsumer second) : IFrameConsumer
    {
        public void Consume(int frameIndex, ReadOnlySpan<float> samples, ReadOnlySpan<float> magnitudes)
        {
            first.Consume(frameIndex, samples, magnitudes);
            second.Consume(frameIndex, samples, magnitudes);
        }
    }

    private static string F(double value) => double.IsNaN(value) ? "" : value.ToString("0.000", CultureInfo.InvariantCulture);
}
