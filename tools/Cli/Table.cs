using System.Globalization;

namespace AudioPlatform.Cli;

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
                    "{0} {1,8} {2,7} {3,5} {4,-9} {5,4} {6,4} {7,7} {8,5} {9,6} {10,6} {11,6} {12,6} {13,8}",
                    name.PadRight(nameWidth), TableCells.Duration(r.DurationSeconds),
                    TableCells.Tempo(r.TempoBpm), TableCells.Tempo(r.TempoBpm) == TableCells.Missing ? TableCells.Missing : TableCells.Number(r.TempoConfidence, "0.00"),
                    TableCells.Text(r.Key), TableCells.Text(r.Camelot), TableCells.Text(r.TimeSignature),
                    TableCells.Number(r.LoudnessLufs, "0.0"), TableCells.Number(r.LoudnessRange, "0.0"), TableCells.Number(r.TruePeakDbtp, "0.0"),
                    TableCells.Number(r.Energy, "0.00"), TableCells.Number(r.Danceability, "0.00"), TableCells.Number(r.Valence, "0.00"),
                    TableCells.Number(r.SpectralCentroidHz, "0")));
            }
        }
        foreach (var r in results.Where(r => r.Error is not null))
            o.WriteLine($"FAILED {r.File}: {r.Error}");
    }
}
