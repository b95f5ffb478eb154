using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AudioPlatform.Cli.Server;

/// <summary><c>audioplatform list</c> and <c>audioplatform export</c>: the library API's filtered view, read page by page.</summary>
internal static class LibraryCommands
{
    public static async Task<int> ListAsync(ListArguments arguments, CredentialStore store, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        using var api = PlatformApi.Connect(arguments.Server, store);
        List<JsonElement> tracks;
        if (arguments.All)
        {
            tracks = [];
            await foreach (var track in AllTracksAsync(api, arguments.Filter, ct).ConfigureAwait(false))
                tracks.Add(track);
        }
        else
        {
            var page = await api.GetJsonAsync($"api/v1/audio{arguments.Filter.ToQueryString(arguments.Page, arguments.PageSize)}", ct).ConfigureAwait(false);
            tracks = [.. page.GetProperty("items").EnumerateArray()];
            var total = page.GetProperty("totalCount").GetInt64();
            var pages = Math.Max(1, (total + arguments.PageSize - 1) / arguments.PageSize);
            if (!arguments.Json)
            {
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Page {arguments.Page} of {pages}, {total} tracks in all.{(arguments.Page < pages ? $" --page {arguments.Page + 1} for the next, --all for every page." : "")}"));
            }
        }

        var results = tracks.Select(t => TrackOutput.ToResult(t.GetProperty("fileName").GetString() ?? "", t)).ToList();
        if (arguments.Json)
        {
            foreach (var result in results)
                TrackOutput.WriteJsonLine(stdout, result);
        }
        else
        {
            TrackOutput.WriteTable(stdout, results, r => r.Title ?? r.File);
        }
        return ExitCodes.Ok;
    }

    public static async Task<int> ExportAsync(ExportArguments arguments, CredentialStore store, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        using var api = PlatformApi.Connect(arguments.Server, store);
        var tracks = new List<ExportedTrack>();
        if (arguments.SimilarTo is { } trackId)
        {
            var similar = await api.GetJsonAsync($"api/v1/audio/{trackId}/similar?limit={arguments.Limit}", ct).ConfigureAwait(false);
            foreach (var item in similar.GetProperty("items").EnumerateArray())
            {
                tracks.Add(new ExportedTrack(item.GetProperty("track"), item.GetProperty("score").GetDouble(),
                    [.. item.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!)]));
            }
        }
        else if (arguments.Playlist is { } name)
        {
            var playlistId = await PlaylistCommands.FindAsync(api, name, ct).ConfigureAwait(false);
            await foreach (var track in PlaylistCommands.TracksAsync(api, playlistId, ct).ConfigureAwait(false))
                tracks.Add(new ExportedTrack(track));
        }
        else
        {
            await foreach (var track in AllTracksAsync(api, arguments.Filter, ct).ConfigureAwait(false))
                tracks.Add(new ExportedTrack(track));
        }

        if (arguments.Format == ExportFormat.Zip)
        {
            if (tracks.Count == 0)
                throw new CliFailure(ExitCodes.SomeFailed, "No track matches: there is nothing to put in a zip.");
            var zips = await TaggedZipExport.WriteAsync(api, [.. tracks.Select(t => t.Track.GetProperty("id").GetGuid())], arguments.Output!, ct).ConfigureAwait(false);
            stderr.WriteLine($"Exported {tracks.Count} tracks, tagged with their analysis, to {string.Join(", ", zips)}.");
            return ExitCodes.Ok;
        }

        var withScores = arguments.SimilarTo is not null;
        Uri StreamUrl(Guid id) => api.Address($"api/v1/audio/{id}/stream");
        // A media player has no token: the M3U's addresses are signed links. CSV and JSON are for the signed-in user's tools.
        var playable = arguments.Format == ExportFormat.M3u && tracks.Count > 0
            ? await StreamLinks.SignAsync(api, tracks.Select(t => t.Track), arguments.LinkHours, ct).ConfigureAwait(false)
            : StreamUrl;
        string text;
        switch (arguments.Format)
        {
            case ExportFormat.Csv:
                using (var csv = new StringWriter(CultureInfo.InvariantCulture))
                {
                    TrackOutput.WriteCsv(csv, tracks, StreamUrl, withScores);
                    text = csv.ToString();
                }
                break;
            case ExportFormat.M3u:
                using (var m3u = new StringWriter(CultureInfo.InvariantCulture))
                {
                    TrackOutput.WriteM3u(m3u, tracks, playable);
                    text = m3u.ToString();
                }
                break;
            default:
                using (var json = new MemoryStream())
                {
                    TrackOutput.WriteJson(json, tracks, withScores);
                    text = Encoding.UTF8.GetString(json.ToArray());
                }
                break;
        }

        if (arguments.Output is { } output)
        {
            await File.WriteAllTextAsync(output, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), ct).ConfigureAwait(false);
            stderr.WriteLine($"Exported {tracks.Count} tracks to {output}.");
        }
        else
        {
            stdout.Write(text);
            stdout.Flush();
        }
        return ExitCodes.Ok;
    }

    /// <summary><c>audioplatform duplicates</c>: the library's groups of one recording in several files.</summary>
    public static async Task<int> DuplicatesAsync(DuplicatesArguments arguments, CredentialStore store, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        using var api = PlatformApi.Connect(arguments.Server, store);
        var answer = await api.GetJsonAsync("api/v1/library/duplicates", ct).ConfigureAwait(false);
        var groups = answer.GetProperty("groups").EnumerateArray().ToList();
        if (arguments.Json)
        {
            foreach (var group in groups)
                stdout.WriteLine(group.GetRawText());
        }
        else
        {
            WriteDuplicates(stdout, groups);
            stderr.WriteLine(groups.Count == 0 ? "No recording is in the library twice." : $"{groups.Count} recording(s) held more than once.");
        }
        return ExitCodes.Ok;
    }

    /// <summary>One block per group: its copies oldest first, with what tells them apart.</summary>
    public static void WriteDuplicates(TextWriter o, IReadOnlyList<JsonElement> groups)
    {
        for (var i = 0; i < groups.Count; i++)
        {
            var tracks = groups[i].GetProperty("tracks").EnumerateArray().ToList();
            if (i > 0)
                o.WriteLine();
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Group {i + 1}: {tracks[0].GetProperty("title").GetString()} ({tracks.Count} copies)"));
            foreach (var track in tracks)
            {
                var sampleRate = Number(track, "sampleRate") is { } rate ? string.Create(CultureInfo.InvariantCulture, $"{rate / 1000:0.#} kHz") : TableCells.Missing;
                var bitRate = Number(track, "bitRate") is { } bits ? string.Create(CultureInfo.InvariantCulture, $"{bits / 1000:0} kbps") : TableCells.Missing;
                o.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-36} {1,-4} {2,8} {3,9} {4,8} {5,10}  {6}",
                    track.GetProperty("id").GetString(), track.GetProperty("format").GetString()?.ToUpperInvariant(), sampleRate, bitRate,
                    TableCells.Duration(Number(track, "durationSeconds")), Number(track, "sizeBytes") is { } size ? $"{size / 1_000_000:0.0} MB" : TableCells.Missing,
                    track.GetProperty("fileName").GetString()));
            }
        }
    }

    private static double? Number(JsonElement track, string name) =>
        track.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    /// <summary>Every track the filter matches, reading the largest pages the API serves.</summary>
    internal static IAsyncEnumerable<JsonElement> AllTracksAsync(PlatformApi api, TrackFilter filter, CancellationToken ct) =>
        AllPagesAsync(api, page => $"api/v1/audio{filter.ToQueryString(page, ServerArguments.MaxPageSize)}", ct);

    /// <summary>Every item of a paged list (<c>{ items, totalCount }</c>), <paramref name="pagePath"/> giving each page's address.</summary>
    internal static async IAsyncEnumerable<JsonElement> AllPagesAsync(
        PlatformApi api, Func<int, string> pagePath, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        for (var page = 1; ; page++)
        {
            var answer = await api.GetJsonAsync(pagePath(page), ct).ConfigureAwait(false);
            var items = answer.GetProperty("items");
            foreach (var track in items.EnumerateArray())
                yield return track;
            if (items.GetArrayLength() < ServerArguments.MaxPageSize || (long)page * ServerArguments.MaxPageSize >= answer.GetProperty("totalCount").GetInt64())
                yield break;
        }
    }
}
