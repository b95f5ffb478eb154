using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace AudioPlatform.Cli.Server;

/// <summary>How <c>next</c>, <c>set</c>, <c>mix</c> and <c>path</c> print their tracks: a table, or a playlist file.</summary>
internal enum PlaylistFormat
{
    Table,
    M3u,
    Csv,
}

internal sealed record NextArguments(string? Server, Guid TrackId, double? Tolerance, string Direction, bool EnergyBoost, bool HalfDouble, int Limit, PlaylistFormat Format, string? Output);

internal sealed record SetArguments(string? Server, IReadOnlyList<Guid> TrackIds, TrackFilter Filter, string Shape, double? Tolerance, bool HalfDouble, PlaylistFormat Format, string? Output);

internal sealed record MixArguments(string? Server, Guid TrackId, int Count, double? Diversity, PlaylistFormat Format, string? Output);

internal sealed record PathArguments(string? Server, Guid From, Guid To, int Steps, PlaylistFormat Format, string? Output);

/// <summary>
/// One track of a mixing answer as the tool prints it: the track as the API returned it, the number that ranks it
/// (similarity, progress along a path; none for next tracks and sets) and the words (the reason, the transition).
/// </summary>
internal sealed record MixingRow(JsonElement Track, double? Score, string Note)
{
    public ExportedTrack ToExported() => new(Track, Score, Note.Length > 0 ? [Note] : []);
}

/// <summary>
/// <c>audioplatform next|set|mix|path</c>: the Library's mixing API (<c>/api/v1/audio/{id}/next</c>,
/// <c>POST /api/v1/library/sets</c>, <c>/api/v1/audio/{id}/mix</c>, <c>/api/v1/library/path</c>) as a table, an M3U
/// playlist or CSV.
/// </summary>
internal static class MixingCommands
{
    /// <summary>The most tracks a set orders (the Library's SetOrderer.MaxTracks).</summary>
    public const int MaxSetTracks = 300;

    public static async Task<int> NextAsync(NextArguments arguments, CredentialStore store, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        using var api = PlatformApi.Connect(arguments.Server, store);
        var query = string.Create(CultureInfo.InvariantCulture,
            $"?direction={arguments.Direction}&energyBoost={Bool(arguments.EnergyBoost)}&halfDouble={Bool(arguments.HalfDouble)}&limit={arguments.Limit}{(arguments.Tolerance is { } t ? $"&tolerance={t}" : "")}");
        var answer = await api.GetJsonAsync($"api/v1/audio/{arguments.TrackId}/next{query}", ct).ConfigureAwait(false);
        var rows = answer.GetProperty("items").EnumerateArray()
            .Select(item => new MixingRow(item.GetProperty("track"), null, item.GetProperty("reason").GetString() ?? "")).ToList();
        if (rows.Count == 0)
            stderr.WriteLine("No track of yours mixes with this one under these options; try a wider --tolerance or --direction any.");
        return await WriteAsync(api, rows, arguments.Format, arguments.Output, "Reason", stdout, stderr, ct).ConfigureAwait(false);
    }

    public static async Task<int> SetAsync(SetArguments arguments, CredentialStore store, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        using var api = PlatformApi.Connect(arguments.Server, store);
        var ids = arguments.TrackIds.Count > 0 ? arguments.TrackIds : await FilteredIdsAsync(api, arguments.Filter, stderr, ct).ConfigureAwait(false);
        if (ids.Count < 2)
            throw new CliFailure(ExitCodes.SomeFailed, $"A set needs two tracks or more; {(arguments.TrackIds.Count > 0 ? "one was given" : $"the filter matches {ids.Count}")}.");
        var body = new Dictionary<string, object?>
        {
            ["trackIds"] = ids,
            ["shape"] = arguments.Shape,
            ["tolerance"] = arguments.Tolerance,
            ["halfDouble"] = arguments.HalfDouble,
        };
        using var response = await api.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "api/v1/library/sets") { Content = JsonContent.Create(body) }, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw await PlatformApi.ProblemAsync(response, ct).ConfigureAwait(false);
        var plan = await PlatformApi.ReadJsonAsync(response, ct).ConfigureAwait(false);
        var rows = plan.GetProperty("steps").EnumerateArray().Select(step => new MixingRow(step.GetProperty("track"), null,
            step.GetProperty("transition") is { ValueKind: JsonValueKind.Object } t
                ? $"{(t.GetProperty("compatible").GetBoolean() ? "smooth" : "rough")}: {t.GetProperty("reason").GetString()}"
                : "")).ToList();
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{plan.GetProperty("compatibleTransitions").GetInt32()} of {plan.GetProperty("transitions").GetInt32()} transitions mix harmonically ({arguments.Shape} energy)."));
        return await WriteAsync(api, rows, arguments.Format, arguments.Output, "Transition", stdout, stderr, ct).ConfigureAwait(false);
    }

    public static async Task<int> MixAsync(MixArguments arguments, CredentialStore store, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        using var api = PlatformApi.Connect(arguments.Server, store);
        var query = string.Create(CultureInfo.InvariantCulture, $"?count={arguments.Count}{(arguments.Diversity is { } d ? $"&diversity={d}" : "")}");
        var answer = await api.GetJsonAsync($"api/v1/audio/{arguments.TrackId}/mix{query}", ct).ConfigureAwait(false);
        var rows = answer.GetProperty("items").EnumerateArray().Select(item => new MixingRow(item.GetProperty("track"), item.GetProperty("similarity").GetDouble(),
            string.Create(CultureInfo.InvariantCulture, $"{Math.Round(Math.Max(0, item.GetProperty("similarity").GetDouble()) * 100)}% alike"))).ToList();
        return await WriteAsync(api, rows, arguments.Format, arguments.Output, "Similarity", stdout, stderr, ct).ConfigureAwait(false);
    }

    public static async Task<int> PathAsync(PathArguments arguments, CredentialStore store, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        using var api = PlatformApi.Connect(arguments.Server, store);
        var answer = await api.GetJsonAsync($"api/v1/library/path?from={arguments.From}&to={arguments.To}&steps={arguments.Steps}", ct).ConfigureAwait(false);
        var rows = answer.GetProperty("steps").EnumerateArray().Select(step => new MixingRow(step.GetProperty("track"), step.GetProperty("progress").GetDouble(),
            string.Create(CultureInfo.InvariantCulture, $"{Math.Round(step.GetProperty("progress").GetDouble() * 100)}% of the way"))).ToList();
        return await WriteAsync(api, rows, arguments.Format, arguments.Output, "Progress", stdout, stderr, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The rows as a table (position, id, name, Camelot key, tempo, energy and the note), an M3U playlist of their
    /// stream addresses, or CSV (the <c>export</c> columns plus <c>score</c> and <c>reasons</c>), to stdout or a file.
    /// </summary>
    public static void Write(TextWriter output, IReadOnlyList<MixingRow> rows, PlaylistFormat format, string noteHeader, Func<Guid, Uri> streamUrl)
    {
        switch (format)
        {
            case PlaylistFormat.M3u:
                TrackOutput.WriteM3u(output, rows.Select(r => r.ToExported()), streamUrl);
                break;
            case PlaylistFormat.Csv:
                TrackOutput.WriteCsv(output, rows.Select(r => r.ToExported()), streamUrl, withScores: true);
                break;
            default:
                WriteTable(output, rows, noteHeader);
                break;
        }
    }

    internal static void WriteTable(TextWriter o, IReadOnlyList<MixingRow> rows, string noteHeader)
    {
        if (rows.Count == 0)
            return;
        var results = rows.Select(r => TrackOutput.ToResult(r.Track.GetProperty("fileName").GetString() ?? "", r.Track)).ToList();
        var nameWidth = Math.Clamp(results.Max(r => (r.Title ?? r.File).Length), 4, 32);
        const string row = "{0,3} {1,-36} {2} {3,4} {4,7} {5,6}  {6}";
        o.WriteLine(string.Format(CultureInfo.InvariantCulture, row, "#", "Track", "Name".PadRight(nameWidth), "Cam", "BPM", "Energy", noteHeader));
        for (var i = 0; i < rows.Count; i++)
        {
            var r = results[i];
            var name = r.Title ?? r.File;
            if (name.Length > nameWidth)
                name = name[..(nameWidth - 1)] + "…";
            o.WriteLine(string.Format(CultureInfo.InvariantCulture, row, i + 1, r.TrackId, name.PadRight(nameWidth),
                TableCells.Text(r.Camelot), TableCells.Tempo(r.TempoBpm), TableCells.Number(r.Energy, "0.00"), rows[i].Note));
        }
    }

    private static async Task<int> WriteAsync(PlatformApi api, IReadOnlyList<MixingRow> rows, PlaylistFormat format, string? output, string noteHeader,
        TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        // A media player has no token: an M3U's addresses are signed links; CSV keeps the plain (token) addresses.
        var streamUrl = format == PlaylistFormat.M3u && rows.Count > 0
            ? await StreamLinks.SignAsync(api, rows.Select(r => r.Track), null, ct).ConfigureAwait(false)
            : id => api.Address($"api/v1/audio/{id}/stream");
        Write(text, rows, format, noteHeader, streamUrl);
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), ct).ConfigureAwait(false);
            stderr.WriteLine($"Wrote {rows.Count} tracks to {output}.");
        }
        else
        {
            stdout.Write(text.ToString());
            stdout.Flush();
        }
        return ExitCodes.Ok;
    }

    /// <summary>The ids of the tracks the filter matches, newest first, at most <see cref="MaxSetTracks"/>.</summary>
    private static async Task<List<Guid>> FilteredIdsAsync(PlatformApi api, TrackFilter filter, TextWriter stderr, CancellationToken ct)
    {
        var ids = new List<Guid>();
        await foreach (var track in LibraryCommands.AllTracksAsync(api, filter, ct).ConfigureAwait(false))
        {
            if (ids.Count == MaxSetTracks)
            {
                stderr.WriteLine($"The filter matches more than {MaxSetTracks} tracks: the set is made of the first {MaxSetTracks}.");
                break;
            }
            ids.Add(track.GetProperty("id").GetGuid());
        }
        return ids;
    }

    private static string Bool(bool value) => value ? "true" : "false";
}
