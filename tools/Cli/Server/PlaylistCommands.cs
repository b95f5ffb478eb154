using System.Globalization;
using System.Text.Json;

namespace AudioPlatform.Cli.Server;

internal sealed record PlaylistsArguments(string? Server, bool Json);

internal sealed record PlaylistCreateArguments(string? Server, string Name, TrackFilter Filter);

internal sealed record PlaylistRenameArguments(string? Server, string Name, string NewName);

internal sealed record PlaylistDeleteArguments(string? Server, string Name);

/// <summary>
/// <c>audioplatform playlists [create|rename|delete]</c>: the Library's smart playlists (<c>/api/v1/library/playlists</c>),
/// saved filters whose tracks are the filter's matches whenever they are read. Playlists are named, not numbered, here.
/// </summary>
internal static class PlaylistCommands
{
    private const string Playlists = "api/v1/library/playlists";

    public static async Task<int> ListAsync(PlaylistsArguments arguments, CredentialStore store, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        using var api = PlatformApi.Connect(arguments.Server, store);
        var playlists = (await api.GetJsonAsync(Playlists, ct).ConfigureAwait(false)).EnumerateArray().ToList();
        if (arguments.Json)
        {
            foreach (var playlist in playlists)
                stdout.WriteLine(playlist.GetRawText());
            return ExitCodes.Ok;
        }

        if (playlists.Count == 0)
        {
            stderr.WriteLine("No playlists yet: audioplatform playlists create NAME with the filter options of list.");
            return ExitCodes.Ok;
        }

        var nameWidth = Math.Clamp(playlists.Max(p => p.GetProperty("name").GetString()!.Length), 4, 40);
        stdout.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0} {1,6}  {2}", "Name".PadRight(nameWidth), "Tracks", "Filter"));
        foreach (var playlist in playlists)
        {
            stdout.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0} {1,6}  {2}", playlist.GetProperty("name").GetString()!.PadRight(nameWidth),
                playlist.GetProperty("trackCount").GetInt32(), Describe(playlist)));
        }
        return ExitCodes.Ok;
    }

    public static async Task<int> CreateAsync(PlaylistCreateArguments arguments, CredentialStore store, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        using var api = PlatformApi.Connect(arguments.Server, store);
        var created = await api.SendJsonAsync(HttpMethod.Post, Playlists,
            new Dictionary<string, object?> { ["name"] = arguments.Name, ["filter"] = arguments.Filter.ToFilterBody(), ["sort"] = arguments.Filter.Sort },
            ct).ConfigureAwait(false);
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Created playlist \"{arguments.Name}\": {created!.Value.GetProperty("trackCount").GetInt32()} tracks match it now."));
        return ExitCodes.Ok;
    }

    public static async Task<int> RenameAsync(PlaylistRenameArguments arguments, CredentialStore store, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        using var api = PlatformApi.Connect(arguments.Server, store);
        var id = await FindAsync(api, arguments.Name, ct).ConfigureAwait(false);
        await api.SendJsonAsync(HttpMethod.Patch, $"{Playlists}/{id}", new Dictionary<string, object?> { ["name"] = arguments.NewName }, ct).ConfigureAwait(false);
        stderr.WriteLine($"Renamed \"{arguments.Name}\" to \"{arguments.NewName}\".");
        return ExitCodes.Ok;
    }

    public static async Task<int> DeleteAsync(PlaylistDeleteArguments arguments, CredentialStore store, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        using var api = PlatformApi.Connect(arguments.Server, store);
        var id = await FindAsync(api, arguments.Name, ct).ConfigureAwait(false);
        await api.SendJsonAsync(HttpMethod.Delete, $"{Playlists}/{id}", null, ct).ConfigureAwait(false);
        stderr.WriteLine($"Deleted playlist \"{arguments.Name}\" (its tracks stay in the library).");
        return ExitCodes.Ok;
    }

    /// <summary>The id of the user's playlist of that name (names compare ignoring case, as the Library keeps them unique).</summary>
    public static async Task<Guid> FindAsync(PlatformApi api, string name, CancellationToken ct)
    {
        var playlists = (await api.GetJsonAsync(Playlists, ct).ConfigureAwait(false)).EnumerateArray().ToList();
        var found = playlists.FirstOrDefault(p => string.Equals(p.GetProperty("name").GetString(), name.Trim(), StringComparison.OrdinalIgnoreCase));
        if (found.ValueKind != JsonValueKind.Object)
        {
            var names = playlists.Select(p => $"\"{p.GetProperty("name").GetString()}\"").ToList();
            throw new CliFailure(ExitCodes.SomeFailed,
                $"You have no playlist named \"{name}\".{(names.Count > 0 ? $" Yours: {string.Join(", ", names)}." : "")}");
        }
        return found.GetProperty("id").GetGuid();
    }

    /// <summary>Every track of the playlist, evaluated now, in its sort.</summary>
    public static IAsyncEnumerable<JsonElement> TracksAsync(PlatformApi api, Guid playlistId, CancellationToken ct) =>
        LibraryCommands.AllPagesAsync(api, page => string.Create(CultureInfo.InvariantCulture,
            $"{Playlists}/{playlistId}/tracks?page={page}&pageSize={ServerArguments.MaxPageSize}"), ct);

    /// <summary>The saved filter as the options that make it, e.g. <c>--genre house --bpm-min 120</c>.</summary>
    internal static string Describe(JsonElement playlist)
    {
        var words = new List<string>();
        foreach (var field in playlist.GetProperty("filter").EnumerateObject().Where(f => f.Value.ValueKind is not JsonValueKind.Null and not JsonValueKind.False))
        {
            var option = "--" + string.Concat(field.Name.Select(c => char.IsUpper(c) ? $"-{char.ToLowerInvariant(c)}" : c.ToString()));
            words.Add(field.Value.ValueKind == JsonValueKind.True ? option : $"{option} {field.Value.ToString()}");
        }
        if (playlist.TryGetProperty("sort", out var sort) && sort.ValueKind == JsonValueKind.String)
            words.Add($"--sort {sort.GetString()}");
        return words.Count == 0 ? "(every track)" : string.Join(' ', words);
    }
}
