using System.Text.Json;
using AudioPlatform.Cli.Server;

namespace AudioPlatform.Cli.Tests;

/// <summary><c>audioplatform playlists …</c> and <c>export --playlist</c> as the command line reads them.</summary>
public sealed class PlaylistCommandTests
{
    [Fact]
    public void Create_takes_the_name_and_the_filter_options_of_list()
    {
        var create = (PlaylistCreateArguments)ServerArguments.ParsePlaylists(
            ["create", "Warm-up", "--genre", "house", "--bpm-min", "120", "--bpm-max", "126", "--bpm-half-double", "--camelot", "8A", "--camelot-neighbours",
             "--loudness-min", "-14", "--sort", "tempoBpm"]);

        Assert.Equal("Warm-up", create.Name);
        Assert.Equal(
            new Dictionary<string, object> { ["genre"] = "house", ["camelot"] = "8A", ["camelotNeighbours"] = true, ["bpmMin"] = 120.0, ["bpmMax"] = 126.0, ["bpmHalfDouble"] = true, ["loudnessMin"] = -14.0 },
            create.Filter.ToFilterBody());
        Assert.Equal("tempoBpm", create.Filter.Sort);
    }

    [Fact]
    public void The_new_filters_go_into_the_list_query_string()
    {
        var list = ServerArguments.ParseList(["--camelot", "8A", "--camelot-neighbours", "--bpm-min", "120", "--bpm-half-double", "--loudness-max", "-6"]);

        Assert.Equal("?camelot=8A&camelotNeighbours=true&bpmMin=120&bpmHalfDouble=true&loudnessMax=-6&page=1&pageSize=20", list.Filter.ToQueryString(1, 20));
    }

    [Fact]
    public void Rename_delete_and_the_list_read_their_words()
    {
        var rename = (PlaylistRenameArguments)ServerArguments.ParsePlaylists(["rename", "Old", "New"]);
        var delete = (PlaylistDeleteArguments)ServerArguments.ParsePlaylists(["delete", "Old"]);
        var list = (PlaylistsArguments)ServerArguments.ParsePlaylists(["--json"]);

        Assert.Equal(("Old", "New"), (rename.Name, rename.NewName));
        Assert.Equal("Old", delete.Name);
        Assert.True(list.Json);
    }

    [Fact]
    public void Export_of_a_playlist_takes_a_format_a_file_and_the_links_lifetime_but_no_filters()
    {
        var export = ServerArguments.ParseExport(["--playlist", "Warm-up", "--format", "m3u", "-o", "warm-up.m3u", "--link-hours", "48"]);

        Assert.Equal(("Warm-up", ExportFormat.M3u, "warm-up.m3u", (int?)48), (export.Playlist, export.Format, export.Output, export.LinkHours));
        Assert.Throws<UsageException>(() => ServerArguments.ParseExport(["--playlist", "Warm-up", "--format", "m3u", "--genre", "house"]));
        Assert.Throws<UsageException>(() => ServerArguments.ParseExport(["--playlist", "Warm-up", "--format", "m3u", "--link-hours", "500"]));
        Assert.Throws<UsageException>(() => ServerArguments.ParsePlaylists(["rename", "Only-one-name"]));
    }

    [Fact]
    public void A_saved_filter_is_shown_as_the_options_that_make_it()
    {
        using var playlist = JsonDocument.Parse("""
            { "name": "Peak", "filter": { "q": null, "genre": "techno", "bpmMin": 125, "bpmHalfDouble": true, "camelotNeighbours": false }, "sort": "-energy" }
            """);

        Assert.Equal("--genre techno --bpm-min 125 --bpm-half-double --sort -energy", PlaylistCommands.Describe(playlist.RootElement));
    }
}
