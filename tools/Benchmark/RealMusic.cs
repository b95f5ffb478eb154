using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using AudioPlatform.Engine;
using AudioPlatform.Engine.Tonal;

namespace AudioPlatform.Benchmark;

/// <summary>One clip of tools/RealMusic/manifest.json, with the consensus references build.mjs formed for it.</summary>
/// <param name="TempoAgreement">How many of the five tempo estimators agreed on <paramref name="ReferenceBpm"/> (2–5).</param>
public sealed record RealMusicClip(string Id, string Package, string Style, string Split, string Licence, double? ReferenceBpm,
    int TempoAgreement, string? TempoReason, MusicalKey? ReferenceKey, string? KeyReason);

/// <summary>Reads the real-music manifest written by tools/RealMusic/build.sh.</summary>
public static class RealMusicManifest
{
    public static IReadOnlyList<RealMusicClip> Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var clips = new List<RealMusicClip>();
        foreach (var clip in document.RootElement.GetProperty("clips").EnumerateArray())
        {
            var tempo = clip.GetProperty("reference").GetProperty("tempo");
            var key = clip.GetProperty("reference").GetProperty("key");
            double? bpm = tempo.TryGetProperty("bpm", out var b) && b.ValueKind == JsonValueKind.Number ? b.GetDouble() : null;
            var agreement = tempo.TryGetProperty("agree", out var a) && a.ValueKind == JsonValueKind.Array ? a.GetArrayLength() : 0;
            MusicalKey? musicalKey = key.TryGetProperty("key", out var k) && MusicalKey.TryParse(k.GetString(), out var parsed) ? parsed : null;
            clips.Add(new RealMusicClip(clip.GetProperty("id").GetString()!, clip.GetProperty("package").GetString()!,
                clip.GetProperty("style").GetString()!, clip.GetProperty("split").GetString()!, clip.GetProperty("licence").GetString()!,
                bpm, agreement, Text(tempo, "reason"), musicalKey, Text(key, "reason")));
        }
        return clips;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>What the engine said about one clip, next to the clip's references.</summary>
public sealed record RealMusicResult(RealMusicClip Clip, double? TempoBpm, double? TempoAlternativeBpm, double? TempoConfidence,
    string? Key, double? KeyConfidence, string? KeyRunnerUp, string? Error)
{
    public static RealMusicResult From(RealMusicClip clip, AudioAnalysis a) =>
        new(clip, a.TempoBpm, a.TempoAlternativeBpm, a.TempoConfidence, a.Key, a.KeyConfidence, a.KeyRunnerUp, null);

    public bool HasTempoReference => Clip.ReferenceBpm is not null;
    public bool Acc1 => TempoBpm is { } t && Clip.ReferenceBpm is { } r && Scoring.TempoAcc1(t, r);
    public bool Acc2 => TempoBpm is { } t && Clip.ReferenceBpm is { } r && Scoring.TempoAcc2(t, r);
    public bool AlternativeAcc1 => TempoAlternativeBpm is { } t && Clip.ReferenceBpm is { } r && Scoring.TempoAcc1(t, r);
    public string TempoRatio => TempoBpm is { } t && Clip.ReferenceBpm is { } r ? Scoring.TempoRatioClass(t / r) : "";
    /// <summary>The estimate is within 4 % of double or half the reference.</summary>
    public bool OctaveError => TempoRatio is "×2" or "×½";
    public MusicalKey? EstimatedKey => MusicalKey.TryParse(Key, out var k) ? k : null;
    public double? KeyScore => Clip.ReferenceKey is { } r ? EstimatedKey is { } e ? Scoring.KeyWeighted(e, r) : 0 : null;
    public string KeyRelation => Clip.ReferenceKey is { } r && EstimatedKey is { } e ? Scoring.KeyRelation(e, r) : "";
}

internal static class RealMusicReport
{
    public static async Task<List<RealMusicResult>> AnalyseAsync(AudioAnalyzer analyzer, IReadOnlyList<RealMusicClip> clips, string clipFolder)
    {
        var results = new List<RealMusicResult>(clips.Count);
        foreach (var clip in clips)
        {
            try
            {
                results.Add(RealMusicResult.From(clip, await analyzer.AnalyzeAsync(Path.Combine(clipFolder, clip.Id + ".flac"))));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                results.Add(new RealMusicResult(clip, null, null, null, null, null, null, e.Message));
            }
            if (results.Count % 10 == 0 || results.Count == clips.Count) Console.Error.Write($"\r  analysed {results.Count}/{clips.Count}");
        }
        Console.Error.WriteLine();
        return results;
    }

    public static void Print(IReadOnlyList<RealMusicResult> results, string split)
    {
        var tempo = results.Where(r => r.HasTempoReference && r.Error is null).ToList();
        var key = results.Where(r => r.Clip.ReferenceKey is not null && r.Error is null).ToList();
        double Share(List<RealMusicResult> rows, Func<RealMusicResult, bool> p) => rows.Count == 0 ? double.NaN : (double)rows.Count(p) / rows.Count;
        var acc1 = Share(tempo, r => r.Acc1);
        var acc2 = Share(tempo, r => r.Acc2);
        var keyScore = key.Count == 0 ? double.NaN : key.Average(r => r.KeyScore!.Value);

        Console.WriteLine();
        Console.WriteLine($"Real music, split '{split}': {results.Count} clips ({results.Count(r => r.Error is not null)} failed to analyse); "
            + $"{tempo.Count} with a tempo reference, {key.Count} with a key reference (consensus of essentia.js, aubio, vamp, bpm-tools, soundstretch)");
        Console.WriteLine($"  {"measure",-44} {"measured",14} {"target",12}  ");
        void Line(string name, string measured, string target, bool? pass) =>
            Console.WriteLine($"  {name,-44} {measured,14} {target,12}  {(pass is null ? "" : pass.Value ? "ok" : "MISSED")}");
        Line("tempo Acc1 (within 4 %)", $"{acc1:P1}", "≥ 85 %", acc1 >= 0.85);
        Line("tempo Acc2 (also ×2, ×3, ½, ⅓)", $"{acc2:P1}", "≥ 97 %", acc2 >= 0.97);
        // Two of five estimators can agree on the wrong level (the Frets on Fire charts show it), so the figures are
        // also given where at least three agree.
        var strong = tempo.Where(r => r.Clip.TempoAgreement >= 3).ToList();
        Line($"  where ≥ 3 of 5 estimators agree ({strong.Count})", $"{Share(strong, r => r.Acc1):P1} / {Share(strong, r => r.Acc2):P1}", "", null);
        Line("octave errors (×2 or ½)", $"{tempo.Count(r => r.OctaveError)} of {tempo.Count}", "", null);
        Line("  of which the alternative tempo is right", $"{tempo.Count(r => r.OctaveError && r.AlternativeAcc1)}", "", null);
        Line("key MIREX weighted score", $"{keyScore:F3}", "≥ 0.85", keyScore >= 0.85);
        Console.WriteLine("  Tempo ratio (estimate ÷ reference): " + string.Join(", ",
            Scoring.TempoRatios.Select(x => x.Name).Append("other")
                .Select(name => (name, count: tempo.Count(r => r.TempoRatio == name))).Where(x => x.count > 0 || x.name is "×2" or "×½" or "×3/2" or "×⅔")
                .Select(x => $"{x.name} {x.count}")));
        Console.WriteLine("  Key relation to the reference: " + string.Join(", ",
            new[] { "correct", "fifth", "relative", "parallel", "other" }.Select(name => $"{name} {key.Count(r => r.KeyRelation == name)}")));

        Console.WriteLine("  By style:            n  tempo-ref  Acc1   Acc2  key-ref   key");
        foreach (var group in results.GroupBy(r => r.Clip.Style).OrderBy(g => g.Key))
        {
            var t = group.Where(r => r.HasTempoReference && r.Error is null).ToList();
            var k = group.Where(r => r.Clip.ReferenceKey is not null && r.Error is null).ToList();
            Console.WriteLine($"    {group.Key,-14} {group.Count(),4}  {t.Count,9}  {Share(t, r => r.Acc1),5:P0}  {Share(t, r => r.Acc2),5:P0}  {k.Count,7}  {(k.Count == 0 ? double.NaN : k.Average(r => r.KeyScore!.Value)),5:F2}");
        }
        foreach (var failure in results.Where(r => r.Error is not null).Take(5))
            Console.WriteLine($"  failed: {failure.Clip.Id}: {failure.Error}");
    }

    public static void Write(IReadOnlyList<RealMusicResult> results, string folder, string split)
    {
        Directory.CreateDirectory(folder);
        var rows = results.Select(r => new RealMusicRow(r.Clip.Id, r.Clip.Package, r.Clip.Style, r.Clip.ReferenceBpm, r.Clip.TempoAgreement, r.Clip.TempoReason,
            Round(r.TempoBpm), Round(r.TempoAlternativeBpm), Round(r.TempoConfidence), r.TempoRatio, r.HasTempoReference ? r.Acc1 : null,
            r.HasTempoReference ? r.Acc2 : null, r.Clip.ReferenceKey?.Name, r.Clip.KeyReason, r.Key, Round(r.KeyConfidence), r.KeyRunnerUp,
            r.KeyScore, r.KeyRelation, r.Error)).ToList();
        File.WriteAllText(Path.Combine(folder, $"real-music-{split}.json"), JsonSerializer.Serialize(rows, JsonOptions));

        var csv = new StringBuilder("clip,package,style,ref_bpm,ref_agreement,est_bpm,alt_bpm,tempo_conf,ratio,acc1,acc2,ref_key,est_key,key_conf,runner_up,key_score,key_relation,error\n");
        foreach (var r in rows)
            csv.AppendLine(string.Join(',', r.Clip, r.Package, r.Style, F(r.ReferenceBpm), r.TempoAgreement, F(r.TempoBpm), F(r.TempoAlternativeBpm), F(r.TempoConfidence),
                r.TempoRatio, r.Acc1, r.Acc2, r.ReferenceKey, r.Key, F(r.KeyConfidence), r.KeyRunnerUp, F(r.KeyScore), r.KeyRelation, r.Error?.Replace(',', ';')));
        File.WriteAllText(Path.Combine(folder, $"real-music-{split}.csv"), csv.ToString());
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 3) : null;
    private static string F(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private sealed record RealMusicRow(string Clip, string Package, string Style, double? ReferenceBpm, int TempoAgreement, string? TempoReferenceMissing,
        double? TempoBpm, double? TempoAlternativeBpm, double? TempoConfidence, string TempoRatio, bool? Acc1, bool? Acc2,
        string? ReferenceKey, string? KeyReferenceMissing, string? Key, double? KeyConfidence, string? KeyRunnerUp, double? KeyScore,
        string KeyRelation, string? Error);
}
