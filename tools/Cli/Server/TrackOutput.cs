using System.Globalization;
using System.Text.Json;

namespace AudioPlatform.Cli.Server;

/// <summary>
/// A track as the library API returns it (<c>{ id, title, artist, fileName, format, status, error, createdAt,
/// analysis }</c>), turned into the tool's outputs: <c>--json</c> lines, the table, CSV, JSON and M3U exports.
/// </summary>
internal static class TrackOutput
{
    /// <summary>The <c>analyze --json</c> fields from the server's analysis, plus the track's id, status and top genre.</summary>
    public static CliResult ToResult(string file, JsonElement track, bool? skipped = null)
    {
        var analysis = track.TryGetProperty("analysis", out var a) && a.ValueKind == JsonValueKind.Object ? a : default;
        var probe = analysis.ValueKind == JsonValueKind.Object && analysis.TryGetProperty("probe", out var p) ? p : default;
        return new CliResult
        {
            File = file,
            TrackId = track.GetProperty("id").GetGuid(),
            Status = String(track, "status"),
            Skipped = skipped,
            Error = String(track, "error"),
            Title = String(track, "title"),
            Artist = String(track, "artist"),
            DurationSeconds = Number(analysis, "durationSeconds", 3),
            TempoBpm = Number(analysis, "tempoBpm", 2),
            TempoConfidence = Number(analysis, "tempoConfidence", 3),
            TempoAlternativeBpm = Number(analysis, "tempoAlternativeBpm", 2),
            Key = String(analysis, "key"),
            KeyConfidence = Number(analysis, "keyConfidence", 3),
            Camelot = String(analysis, "camelot"),
            TimeSignature = String(analysis, "timeSignature"),
            LoudnessLufs = Number(analysis, "loudnessLufs", 2),
            LoudnessRange = Number(analysis, "loudnessRangeLu", 2),
            TruePeakDbtp = Number(analysis, "truePeakDbtp", 2),
            RmsDbfs = Number(analysis, "rmsDbfs", 2),
            Energy = Number(analysis, "energy", 3),
            Danceability = Number(analysis, "danceability", 3),
            Valence = Number(analysis, "valence", 3),
            SpectralCentroidHz = Number(analysis, "spectralCentroidHz", 1),
            SpectralRolloffHz = Number(analysis, "spectralRolloffHz", 1),
            SpectralFlatness = Number(analysis, "spectralFlatness", 4),
            ZeroCrossingRate = Number(analysis, "zeroCrossingRate", 4),
            OnsetRate = Number(analysis, "onsetRate", 3),
            Codec = String(probe, "codec"),
            SampleRate = Number(probe, "sampleRate", 0) is { } rate ? (int)rate : null,
            Channels = Number(probe, "channels", 0) is { } channels ? (int)channels : null,
            Genre = Labels(analysis, "genres").FirstOrDefault(),
        };
    }

    public static void WriteJsonLine(TextWriter output, CliResult result)
    {
        output.WriteLine(JsonSerializer.Serialize(result, CliJsonContext.Default.CliResult));
        output.Flush();
    }

    /// <summary>One row per track: its id (for <c>export --similar-to</c>), name, status and the main measurements.</summary>
    public static void WriteTable(TextWriter o, IReadOnlyList<CliResult> results, Func<CliResult, string> name)
    {
        if (results.Count == 0)
            return;
        var nameWidth = Math.Clamp(results.Max(r => name(r).Length), 4, 40);
        const string row = "{0,-36} {1} {2,-9} {3,8} {4,7} {5,-9} {6,4} {7,7} {8,6} {9}";
        o.WriteLine(string.Format(CultureInfo.InvariantCulture, row,
            "Track", "Name".PadRight(nameWidth), "Status", "Duration", "BPM", "Key", "Cam", "LUFS", "Energy", "Genre"));
        foreach (var r in results)
        {
            var shown = name(r);
            if (shown.Length > nameWidth)
                shown = shown[..(nameWidth - 1)] + "…";
            o.WriteLine(string.Format(CultureInfo.InvariantCulture, row,
                r.TrackId, shown.PadRight(nameWidth), r.Status,
                TableCells.Duration(r.DurationSeconds), TableCells.Tempo(r.TempoBpm), TableCells.Text(r.Key), TableCells.Text(r.Camelot),
                TableCells.Number(r.LoudnessLufs, "0.0"), TableCells.Number(r.Energy, "0.00"), TableCells.Text(r.Genre)));
        }
        foreach (var r in results.Where(r => r.Error is not null))
            o.WriteLine($"FAILED {name(r)}: {r.Error}");
    }

    /// <summary>The CSV columns: what a spreadsheet or DJ tool needs to sort and filter a library.</summary>
    public static readonly string[] CsvColumns =
    [
        "trackId", "title", "artist", "fileName", "format", "status", "durationSeconds", "tempoBpm", "key", "camelot",
        "timeSignature", "loudnessLufs", "energy", "danceability", "valence", "genre", "moods", "instruments", "tags",
        "createdAt", "streamUrl",
    ];

    /// <summary>
    /// RFC 4180 CSV with a header row and CRLF line ends; numbers exactly as the API wrote them, lists joined with
    /// "; ". A similar-tracks export adds <c>score</c> and <c>reasons</c>.
    /// </summary>
    public static void WriteCsv(TextWriter output, IEnumerable<ExportedTrack> tracks, Func<Guid, Uri> streamUrl, bool withScores)
    {
        var header = withScores ? [.. CsvColumns, "score", "reasons"] : CsvColumns;
        WriteCsvRow(output, header);
        foreach (var exported in tracks)
        {
            var track = exported.Track;
            var analysis = track.TryGetProperty("analysis", out var a) && a.ValueKind == JsonValueKind.Object ? a : default;
            var id = track.GetProperty("id").GetGuid();
            List<string> row =
            [
                id.ToString(), Raw(track, "title"), Raw(track, "artist"), Raw(track, "fileName"), Raw(track, "format"),
                Raw(track, "status"), Raw(analysis, "durationSeconds"), Raw(analysis, "tempoBpm"), Raw(analysis, "key"),
                Raw(analysis, "camelot"), Raw(analysis, "timeSignature"), Raw(analysis, "loudnessLufs"), Raw(analysis, "energy"),
                Raw(analysis, "danceability"), Raw(analysis, "valence"), Labels(analysis, "genres").FirstOrDefault() ?? "",
                string.Join("; ", Labels(analysis, "moods")), string.Join("; ", Labels(analysis, "instruments")),
                string.Join("; ", Strings(analysis, "tags")), Raw(track, "createdAt"), streamUrl(id).ToString(),
            ];
            if (withScores)
            {
                row.Add(exported.Score?.ToString("R", CultureInfo.InvariantCulture) ?? "");
                row.Add(string.Join("; ", exported.Reasons));
            }
            WriteCsvRow(output, row);
        }
    }

    internal static void WriteCsvRow(TextWriter output, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
                output.Write(',');
            output.Write(CsvField(fields[i]));
        }
        output.Write("\r\n");
    }

    internal static string CsvField(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value.Length != value.Trim().Length
            ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
            : value;

    /// <summary>
    /// An extended M3U playlist: <c>#EXTINF:&lt;seconds, rounded&gt;,&lt;artist&gt; - &lt;title&gt;</c> (−1 when the duration
    /// is not known yet), then the track's stream address on the server.
    /// </summary>
    public static void WriteM3u(TextWriter output, IEnumerable<ExportedTrack> tracks, Func<Guid, Uri> streamUrl)
    {
        output.Write("#EXTM3U\n");
        foreach (var exported in tracks)
        {
            var track = exported.Track;
            var analysis = track.TryGetProperty("analysis", out var a) && a.ValueKind == JsonValueKind.Object ? a : default;
            var seconds = Number(analysis, "durationSeconds", 0) is { } d ? (long)d : -1;
            var title = String(track, "title") ?? String(track, "fileName") ?? "";
            var name = String(track, "artist") is { Length: > 0 } artist ? $"{artist} - {title}" : title;
            // A line break in a tag would end the entry early.
            name = name.ReplaceLineEndings(" ");
            output.Write($"#EXTINF:{seconds.ToString(CultureInfo.InvariantCulture)},{name}\n");
            output.Write($"{streamUrl(track.GetProperty("id").GetGuid())}\n");
        }
    }

    /// <summary>A JSON array of the tracks exactly as the API returned them (similar tracks as <c>{ track, score, reasons }</c>).</summary>
    public static void WriteJson(Stream output, IEnumerable<ExportedTrack> tracks, bool withScores)
    {
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        writer.WriteStartArray();
        foreach (var exported in tracks)
        {
            if (withScores)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("track");
                exported.Track.WriteTo(writer);
                writer.WriteNumber("score", exported.Score ?? 0);
                writer.WriteStartArray("reasons");
                foreach (var reason in exported.Reasons)
                    writer.WriteStringValue(reason);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            else
            {
                exported.Track.WriteTo(writer);
            }
        }
        writer.WriteEndArray();
        writer.Flush();
        output.WriteByte((byte)'\n');
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>A finite number rounded as <c>analyze --json</c> rounds it; null when missing, null or not finite ("NaN").</summary>
    private static double? Number(JsonElement element, string name, int digits) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            && value.TryGetDouble(out var number) && double.IsFinite(number)
            ? Math.Round(number, digits)
            : null;

    /// <summary>A field as text: strings as they are, numbers and other values as the API wrote them, missing as empty.</summary>
    private static string Raw(JsonElement element, string name) =>
        element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value) ? "" : value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Null or JsonValueKind.Undefined => "",
            _ => value.GetRawText(),
        };

    /// <summary>The label names of <c>genres</c>, <c>moods</c> or <c>instruments</c> (<c>[{ label, confidence }]</c>), best first.</summary>
    private static IEnumerable<string> Labels(JsonElement analysis, string name) =>
        analysis.ValueKind == JsonValueKind.Object && analysis.TryGetProperty(name, out var labels) && labels.ValueKind == JsonValueKind.Array
            ? labels.EnumerateArray().Select(l => String(l, "name")).OfType<string>()
            : [];

    private static IEnumerable<string> Strings(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var values) && values.ValueKind == JsonValueKind.Array
            ? values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)
            : [];
}

/// <summary>A track to export, with its similarity score and reasons when it comes from <c>--similar-to</c>.</summary>
internal sealed record ExportedTrack(JsonElement Track, double? Score = null, IReadOnlyList<string>? ReasonList = null)
{
    public IReadOnlyList<string> Reasons => ReasonList ?? [];
}
