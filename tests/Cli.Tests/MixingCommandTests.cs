using System.Globalization;
using System.Text.Json;
using AudioPlatform.Cli.Server;

namespace AudioPlatform.Cli.Tests;

/// <summary><c>next</c>, <c>set</c>, <c>mix</c> and <c>path</c>: their arguments, and the table, M3U and CSV they print.</summary>
public sealed class MixingCommandTests
{
    private const string A = "0b6d1c9e-2f6e-4f0c-9a57-3f1d2e4c5b6a";
    private const string B = "1c7e2d0f-3a7f-4a1d-8b68-4a2e3f5d6c7b";

    private static JsonElement Track(string id, string title, string camelot, double bpm, double energy) => JsonDocument.Parse($$"""
        { "id": "{{id}}", "title": "{{title}}", "artist": null, "fileName": "{{title}}.wav", "format": "wav", "status": "analyzed",
          "createdAt": "2026-11-26T00:10:00+00:00",
          "analysis": { "camelot": "{{camelot}}", "tempoBpm": {{bpm.ToString(CultureInfo.InvariantCulture)}}, "energy": {{energy.ToString(CultureInfo.InvariantCulture)}}, "durationSeconds": 201.6 } }
        """).RootElement;

    private static readonly MixingRow[] SetRows =
    [
        new(Track(A, "Sunrise", "8A", 120, 0.2), null, ""),
        new(Track(B, "Drift", "9A", 122.04, 0.55), null, "smooth: 8A → 9A, +1.7 % tempo, energy up"),
    ];

    private static Uri StreamUrl(Guid id) => new($"http://localhost:8080/api/v1/audio/{id}/stream");

    private static string Print(IReadOnlyList<MixingRow> rows, PlaylistFormat format, string note = "Transition")
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        MixingCommands.Write(output, rows, format, note, StreamUrl);
        return output.ToString();
    }

    [Fact]
    public void Next_mirrors_the_apis_options_and_defaults_to_any_energy_half_double_and_twenty()
    {
        var defaults = ServerArguments.ParseNext([A]);
        Assert.Equal((Guid.Parse(A), null, "any", false, true, 20, PlaylistFormat.Table),
            (defaults.TrackId, defaults.Tolerance, defaults.Direction, defaults.EnergyBoost, defaults.HalfDouble, defaults.Limit, defaults.Format));

        var given = ServerArguments.ParseNext([A, "--tolerance", "3.5", "--direction", "UP", "--energy-boost", "--no-half-double", "--limit", "5", "--format", "m3u", "--out", "next.m3u"]);
        Assert.Equal((3.5, "up", true, false, 5, PlaylistFormat.M3u, "next.m3u"),
            (given.Tolerance, given.Direction, given.EnergyBoost, given.HalfDouble, given.Limit, given.Format, given.Output));
    }

    [Theory]
    [InlineData("not-a-track")]
    [InlineData(A, "--direction", "sideways")]
    [InlineData(A, "--limit", "0")]
    [InlineData(A, "--format", "json")]
    [InlineData(A, "--tolerance", "wide")]
    [InlineData()]
    public void A_next_command_line_that_cannot_mean_anything_is_a_usage_error(params string[] args) =>
        Assert.Throws<UsageException>(() => ServerArguments.ParseNext(args));

    [Fact]
    public void A_set_is_made_of_the_ids_given_or_of_the_filter_never_both()
    {
        var byIds = ServerArguments.ParseSet([A, B, "--shape", "rising", "--format", "csv"]);
        Assert.Equal([Guid.Parse(A), Guid.Parse(B)], byIds.TrackIds);
        Assert.Equal(("rising", PlaylistFormat.Csv, true), (byIds.Shape, byIds.Format, byIds.HalfDouble));

        var byFilter = ServerArguments.ParseSet(["--genre", "house", "--bpm-min", "120"]);
        Assert.Empty(byFilter.TrackIds);
        Assert.Equal("arc", byFilter.Shape);
        Assert.Equal("?genre=house&bpmMin=120&page=1&pageSize=100", byFilter.Filter.ToQueryString(1, 100));

        Assert.Throws<UsageException>(() => ServerArguments.ParseSet([A, B, "--genre", "house"]));
        Assert.Throws<UsageException>(() => ServerArguments.ParseSet(["--shape", "zigzag"]));
        Assert.Throws<UsageException>(() => ServerArguments.ParseSet([A, "nonsense"]));
    }

    [Fact]
    public void Mix_and_path_take_their_tracks_and_counts()
    {
        var mix = ServerArguments.ParseMix([A, "--count", "40", "--diversity", "0.5"]);
        Assert.Equal((Guid.Parse(A), 40, 0.5), (mix.TrackId, mix.Count, mix.Diversity));
        Assert.Equal(20, ServerArguments.ParseMix([A]).Count);
        Assert.Throws<UsageException>(() => ServerArguments.ParseMix([A, "--count", "101"]));

        var path = ServerArguments.ParsePath([A, B, "--steps", "4", "--format", "m3u"]);
        Assert.Equal((Guid.Parse(A), Guid.Parse(B), 4, PlaylistFormat.M3u), (path.From, path.To, path.Steps, path.Format));
        Assert.Equal(8, ServerArguments.ParsePath([A, B]).Steps);
        Assert.Throws<UsageException>(() => ServerArguments.ParsePath([A]));
        Assert.Throws<UsageException>(() => ServerArguments.ParsePath([A, B, "--steps", "51"]));
    }

    [Fact]
    public void The_table_numbers_the_tracks_in_order_with_their_key_tempo_energy_and_the_transition()
    {
        var lines = Print(SetRows, PlaylistFormat.Table).Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^\s+# Track\s+Name\s+Cam\s+BPM\s+Energy\s+Transition$", lines[0]);
        Assert.Matches($@"^\s+1 {A} Sunrise\s+8A\s+120\.0\s+0\.20\s*$", lines[1]);
        Assert.Matches($@"^\s+2 {B} Drift\s+9A\s+122\.0\s+0\.55  smooth: 8A → 9A, \+1\.7 % tempo, energy up$", lines[2]);
    }

    [Fact]
    public void The_m3u_plays_the_tracks_in_the_sets_order()
    {
        Assert.Equal(
            $"#EXTM3U\n#EXTINF:202,Sunrise\n{StreamUrl(Guid.Parse(A))}\n#EXTINF:202,Drift\n{StreamUrl(Guid.Parse(B))}\n",
            Print(SetRows, PlaylistFormat.M3u));
    }

    [Fact]
    public void The_csv_has_the_export_columns_with_each_tracks_score_and_note()
    {
        MixingRow[] mix = [new(Track(B, "Drift", "9A", 122, 0.55), 0.912, "91% alike")];

        var lines = Print(mix, PlaylistFormat.Csv, "Similarity").Split("\r\n");

        Assert.Equal(string.Join(',', [.. TrackOutput.CsvColumns, "score", "reasons"]), lines[0]);
        Assert.StartsWith($"{B},Drift,,Drift.wav,wav,analyzed,201.6,122,,9A,", lines[1]);
        Assert.EndsWith(",0.912,91% alike", lines[1]);
    }
}
