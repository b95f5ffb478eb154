using System.Globalization;

namespace AudioPlatform.Analysis.Cli;

/// <summary>The human-readable output: one row per file, errors listed under the table.</summary>
internal static class Table
{
    public static void Write(TextWriter o, IReadOnlyList<CliResult> results)
    {
        var ok = results.Where(r => r.Error is null).ToList();
        if (ok.Count > 0)
        {
            var nameWidth = Math.Clamp(ok.Max(r => Path.GetFileName(r.File).Length), 4, 40);
            o.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "{0} {1,8} {2,7} {3,5} {4,-9} {5,4} {6,4} {7,7} {8,5} {9,6} {10,6} {11,6} {12,6} {13,8}",
                "File".PadRight(nameWidth), "Duration", "BPM", "Conf", "Key", "Cam", "Sig", "LUFS", "LRA", "dBTP", "Energy", "Dance", "Val", "Centroid"));
            foreach (var r in ok)
            {
                var name = Path.GetFileName(r.File);
                if (name.Length > nameWidth)
                    name = name[..(nameWidth - 1)] + "…";
                o.WriteLine(string.Format(CultureInfo.InvariantCulture,
                    "{0} {1,8} {2,7:0.0} {3,5:0.00} {4,-9} {5,4} {6,4} {7,7:0.0} {8,5:0.0} {9,6:0.0} {10,6:0.00} {11,6:0.00} {12,6:0.00} {13,8:0}",
                    name.PadRight(nameWidth), TimeSpan.FromSeconds(r.DurationSeconds ?? 0).ToString(@"m\:ss", CultureInfo.InvariantCulture),
                    r.TempoBpm, r.TempoConfidence, r.Key, r.Camelot, r.TimeSignature, r.LoudnessLufs, r.LoudnessRange, r.TruePeakDbtp,
                    r.Energy, r.Danceability, r.Valence, r.SpectralCentroidHz));
            }
        }
        foreach (var r in results.Where(r => r.Error is not null))
            o.WriteLine($"FAILED {r.File}: {r.Error}");
    }
}
