using System.Globalization;
using System.Text.Json;
using AudioPlatform.Cli;
using AudioPlatform.Cli.Server;
using AudioPlatform.Engine.Tests.Support;

namespace AudioPlatform.Cli.Tests;

/// <summary>The server commands' pure parts: arguments, the server address, the exports, the credentials file.</summary>
public sealed class ServerCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void List_filters_become_the_library_apis_query_parameters()
    {
        var list = ServerArguments.ParseList(
            ["--genre", "techno", "--key=A minor", "--bpm-min", "120.5", "--bpm-max", "128", "--sort", "-tempoBpm", "--page", "2", "--page-size", "50", "--json"]);

        Assert.True(list.Json);
        Assert.False(list.All);
        Assert.Equal("?genre=techno&key=A%20minor&bpmMin=120.5&bpmMax=128&sort=-tempoBpm&page=2&pageSize=50",
            list.Filter.ToQueryString(list.Page, list.PageSize));
    }

    [Fact]
    public void List_defaults_to_the_first_page_of_twenty()
    {
        var list = ServerArguments.ParseList([]);

        Assert.Equal("?page=1&pageSize=20", list.Filter.ToQueryString(list.Page, list.PageSize));
    }

    [Theory]
    [InlineData("--all", "--page", "2")]
    [InlineData("--page-size", "101")]
    [InlineData("--page", "0")]
    [InlineData("--bpm-min", "fast")]
    [InlineData("--bpm-min")]
    [InlineData("--tempo", "120")]
    [InlineData("--json=yes")]
    [InlineData("--genre", "techno", "--genre", "house")]
    [InlineData("stray")]
    public void A_list_command_line_that_cannot_mean_anything_is_a_usage_error(params string[] args) =>
        Assert.Throws<UsageException>(() => ServerArguments.ParseList(args));

    [Fact]
    public void Export_needs_a_known_format_and_keeps_similar_to_apart_from_the_filters()
    {
        Assert.Equal(ExportFormat.M3u, ServerArguments.ParseExport(["--format", "M3U"]).Format);
        var similar = ServerArguments.ParseExport(["--format", "csv", "--similar-to", "8f5b5b0e-4d3c-4a43-9a57-5d2b0c6e9f10", "--limit", "5", "--output", "x.csv"]);
        Assert.Equal(Guid.Parse("8f5b5b0e-4d3c-4a43-9a57-5d2b0c6e9f10"), similar.SimilarTo);
        Assert.Equal(5, similar.Limit);
        Assert.Equal("x.csv", similar.Output);

        Assert.Throws<UsageException>(() => ServerArguments.ParseExport([]));
        Assert.Throws<UsageException>(() => ServerArguments.ParseExport(["--format", "xml"]));
        Assert.Throws<UsageException>(() => ServerArguments.ParseExport(["--format", "1"]));
        Assert.Throws<UsageException>(() => ServerArguments.ParseExport(["--format", "csv", "--similar-to", "not-an-id"]));
        Assert.Throws<UsageException>(() => ServerArguments.ParseExport(["--format", "csv", "--similar-to", Guid.NewGuid().ToString(), "--genre", "techno"]));
        Assert.Throws<UsageException>(() => ServerArguments.ParseExport(["--format", "csv", "--limit", "5"]));

        Assert.Equal(("set.zip", ExportFormat.Zip), ServerArguments.ParseExport(["--format", "zip", "-o", "set.zip"]) is var zip ? (zip.Output, zip.Format) : default);
        var noFile = Assert.Throws<UsageException>(() => ServerArguments.ParseExport(["--format", "zip", "--genre", "techno"]));
        Assert.Contains("--output", noFile.Message);
    }

    [Fact]
    public void Reanalyze_takes_the_list_filters_and_no_wait()
    {
        var arguments = ServerArguments.ParseReanalyze(["--genre", "house", "--bpm-min", "120", "--no-wait"]);

        Assert.Equal(("house", 120.0, true), (arguments.Filter.Genre, arguments.Filter.BpmMin, arguments.NoWait));
        Assert.Equal(new TrackFilter(), ServerArguments.ParseReanalyze([]).Filter);
        Assert.Throws<UsageException>(() => ServerArguments.ParseReanalyze(["--bpm-min", "fast"]));
        Assert.Throws<UsageException>(() => ServerArguments.ParseReanalyze(["stray"]));
    }

    [Fact]
    public void Duplicates_takes_the_server_and_json_and_nothing_else()
    {
        var duplicates = ServerArguments.ParseDuplicates(["--json", "--server", "http://example.com:9000"]);

        Assert.Equal(("http://example.com:9000", true), (duplicates.Server, duplicates.Json));
        Assert.False(ServerArguments.ParseDuplicates([]).Json);
        Assert.Throws<UsageException>(() => ServerArguments.ParseDuplicates(["--genre", "techno"]));
        Assert.Throws<UsageException>(() => ServerArguments.ParseDuplicates(["stray"]));
    }

    [Fact]
    public void Duplicates_print_each_group_with_its_copies_and_what_tells_them_apart()
    {
        var groups = JsonDocument.Parse("""
            [{ "tracks": [
              { "id": "0b6d1c9e-2f6e-4f0c-9a57-3f1d2e4c5b6a", "title": "Night Drive", "fileName": "night.wav", "format": "wav", "sizeBytes": 31752044,
                "durationSeconds": 180.0, "sampleRate": 44100, "bitRate": 1411200, "createdAt": "2026-11-26T00:10:00+00:00" },
              { "id": "1c7e2d0f-3a7f-4a1d-8b68-4a2e3f5d6c7b", "title": "Night Drive", "fileName": "night.mp3", "format": "mp3", "sizeBytes": 4320000,
                "durationSeconds": 180.05, "sampleRate": null, "bitRate": 192000, "createdAt": "2026-11-27T00:10:00+00:00" } ] }]
            """).RootElement.EnumerateArray().ToList();
        using var output = new StringWriter(CultureInfo.InvariantCulture);

        LibraryCommands.WriteDuplicates(output, groups);

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Group 1: Night Drive (2 copies)", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^  0b6d1c9e-\S+ +WAV +44\.1 kHz +1411 kbps +3:00 +31\.8 MB  night\.wav$", lines[1]);
        Assert.Matches(@"^  1c7e2d0f-\S+ +MP3 +– +192 kbps +3:00 +4\.3 MB  night\.mp3$", lines[2]);
    }

    [Fact]
    public void Upload_takes_files_and_folders_and_its_two_switches()
    {
        var upload = ServerArguments.ParseUpload(["a.wav", "music", "--no-wait", "--json", "--server", "http://example.com:9000"]);

        Assert.Equal(["a.wav", "music"], upload.Inputs);
        Assert.True(upload.NoWait);
        Assert.True(upload.Json);
        Assert.Equal("http://example.com:9000", upload.Server);
        Assert.Throws<UsageException>(() => ServerArguments.ParseUpload(["--json"]));
    }

    [Fact]
    public void The_server_is_the_option_then_the_environment_then_the_stored_sign_in_then_localhost()
    {
        var stored = new StoredCredentials("https://stored.example.com", "a", "r", DateTimeOffset.UtcNow, null);

        Assert.Equal("https://option.example.com", ServerAddress.Resolve("https://option.example.com/", "http://env.example.com", stored));
        Assert.Equal("http://env.example.com", ServerAddress.Resolve(null, "http://env.example.com", stored));
        Assert.Equal("https://stored.example.com", ServerAddress.Resolve(null, "", stored));
        Assert.Equal("http://localhost:8080", ServerAddress.Resolve(null, null, null));
        Assert.Equal("https://example.com/audio", ServerAddress.Normalize("HTTPS://Example.com/audio/"));
        Assert.Throws<UsageException>(() => ServerAddress.Normalize("ftp://example.com"));
        Assert.Throws<UsageException>(() => ServerAddress.Normalize("localhost"));
    }

    [Fact]
    public void A_problem_answer_reads_as_its_title_detail_and_invalid_fields()
    {
        var message = PlatformApi.DescribeProblem(400, "Bad Request",
            """{"title":"One or more validation errors occurred.","status":400,"errors":{"bpmMin":["bpmMin is above bpmMax."]}}""");
        Assert.Equal("The server answered 400: One or more validation errors occurred.\n  bpmMin: bpmMin is above bpmMax.", message);

        Assert.Equal("The server answered 415: Unsupported audio — take.txt is not MP3, WAV, FLAC, AIFF or OGG.",
            PlatformApi.DescribeProblem(415, "Unsupported Media Type", """{"title":"Unsupported audio","detail":"take.txt is not MP3, WAV, FLAC, AIFF or OGG."}"""));
        Assert.Equal("The server answered 502: Bad Gateway", PlatformApi.DescribeProblem(502, "Bad Gateway", "<html>"));
    }

    private static readonly JsonElement Analysed = JsonDocument.Parse("""
        {
          "id": "0b6d1c9e-2f6e-4f0c-9a57-3f1d2e4c5b6a", "title": "Night, \"Drive\"", "artist": "Kraft",
          "fileName": "night.flac", "format": "flac", "status": "analyzed", "error": null,
          "createdAt": "2026-11-26T00:10:00+00:00",
          "analysis": {
            "durationSeconds": 184.62, "tempoBpm": 124.0312, "key": "A minor", "camelot": "8A", "timeSignature": "4/4",
            "loudnessLufs": -9.87, "loudnessRangeLu": 5.1, "energy": 0.81, "danceability": 0.7, "valence": "NaN",
            "genres": [{ "name": "techno", "confidence": 0.9 }, { "name": "house", "confidence": 0.3 }],
            "moods": [{ "name": "dark", "confidence": 0.8 }, { "name": "energetic", "confidence": 0.6 }],
            "instruments": [], "tags": ["techno", "dark"],
            "probe": { "codec": "flac", "sampleRate": 44100, "channels": 2 }
          }
        }
        """).RootElement;

    private static readonly JsonElement Uploaded = JsonDocument.Parse("""
        { "id": "1c7e2d0f-3a7f-4a1d-8b68-4a2e3f5d6c7b", "title": "first take", "artist": null, "fileName": "take.wav",
          "format": "wav", "status": "uploaded", "createdAt": "2026-11-26T00:11:00+00:00", "analysis": null }
        """).RootElement;

    private static Uri StreamUrl(Guid id) => new($"http://localhost:8080/api/v1/audio/{id}/stream");

    [Fact]
    public void Csv_has_a_header_quotes_what_needs_quoting_and_keeps_the_apis_numbers()
    {
        using var csv = new StringWriter(CultureInfo.InvariantCulture);

        TrackOutput.WriteCsv(csv, [new ExportedTrack(Analysed), new ExportedTrack(Uploaded)], StreamUrl, withScores: false);

        var lines = csv.ToString().Split("\r\n");
        Assert.Equal(4, lines.Length);
        Assert.Equal("", lines[3]);
        Assert.Equal(string.Join(',', TrackOutput.CsvColumns), lines[0]);
        Assert.Equal("0b6d1c9e-2f6e-4f0c-9a57-3f1d2e4c5b6a,\"Night, \"\"Drive\"\"\",Kraft,night.flac,flac,analyzed,184.62,124.0312,A minor,8A,4/4,-9.87,0.81,0.7,NaN,techno,dark; energetic,,techno; dark,2026-11-26T00:10:00+00:00,http://localhost:8080/api/v1/audio/0b6d1c9e-2f6e-4f0c-9a57-3f1d2e4c5b6a/stream",
            lines[1]);
        Assert.StartsWith("1c7e2d0f-3a7f-4a1d-8b68-4a2e3f5d6c7b,first take,,take.wav,wav,uploaded,,,,,,,,,,,,,,", lines[2]);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData(" padded", "\" padded\"")]
    [InlineData("", "")]
    public void A_csv_field_is_quoted_only_when_it_must_be(string value, string written) =>
        Assert.Equal(written, TrackOutput.CsvField(value));

    [Fact]
    public void Similar_tracks_in_csv_carry_their_score_and_reasons()
    {
        using var csv = new StringWriter(CultureInfo.InvariantCulture);

        TrackOutput.WriteCsv(csv, [new ExportedTrack(Analysed, 0.93, ["same key family (8A and 9A)", "tempo within 3 %"])], StreamUrl, withScores: true);

        var lines = csv.ToString().Split("\r\n");
        Assert.EndsWith(",score,reasons", lines[0]);
        Assert.EndsWith(",0.93,same key family (8A and 9A); tempo within 3 %", lines[1]);
    }

    [Fact]
    public void M3u_lists_each_track_with_its_whole_seconds_artist_and_title_and_stream_address()
    {
        using var m3u = new StringWriter(CultureInfo.InvariantCulture);

        TrackOutput.WriteM3u(m3u, [new ExportedTrack(Analysed), new ExportedTrack(Uploaded)], StreamUrl);

        Assert.Equal("""
            #EXTM3U
            #EXTINF:185,Kraft - Night, "Drive"
            http://localhost:8080/api/v1/audio/0b6d1c9e-2f6e-4f0c-9a57-3f1d2e4c5b6a/stream
            #EXTINF:-1,first take
            http://localhost:8080/api/v1/audio/1c7e2d0f-3a7f-4a1d-8b68-4a2e3f5d6c7b/stream

            """.ReplaceLineEndings("\n"), m3u.ToString());
    }

    [Fact]
    public void A_server_track_prints_with_the_same_field_names_as_analyze()
    {
        var line = JsonDocument.Parse(JsonSerializer.Serialize(TrackOutput.ToResult("music/night.flac", Analysed, skipped: true), CliJsonContext.Default.CliResult)).RootElement;

        Assert.Equal("music/night.flac", line.GetProperty("file").GetString());
        Assert.Equal("0b6d1c9e-2f6e-4f0c-9a57-3f1d2e4c5b6a", line.GetProperty("trackId").GetString());
        Assert.True(line.GetProperty("skipped").GetBoolean());
        Assert.Equal(124.03, line.GetProperty("tempoBpm").GetDouble());
        Assert.Equal(5.1, line.GetProperty("loudnessRange").GetDouble());
        Assert.Equal("8A", line.GetProperty("camelot").GetString());
        Assert.Equal(44100, line.GetProperty("sampleRate").GetInt32());
        Assert.Equal("techno", line.GetProperty("genre").GetString());
        Assert.False(line.TryGetProperty("valence", out _), "a NaN is left out, not printed");
        Assert.False(line.TryGetProperty("error", out _));
    }

    [Fact]
    public void The_credentials_file_and_its_folder_are_private_from_their_creation_and_stay_so_when_rewritten()
    {
        var directory = new ConfigDirectory(Path.Combine(_temp.Path, "config", "audioplatform"));
        var store = new CredentialStore(directory);
        var first = new StoredCredentials("http://localhost:8080", "access-1", "refresh-1", DateTimeOffset.UtcNow.AddMinutes(15), "a@example.com");

        store.Save(first);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.FilePath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory.Path));

        store.Save(first with { AccessToken = "access-2" });
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.FilePath));
        Assert.Equal("access-2", store.Load()!.AccessToken);
        Assert.Equal(["credentials.json"], Directory.GetFiles(directory.Path).Select(Path.GetFileName));

        Assert.True(store.Delete());
        Assert.Null(store.Load());
        Assert.False(store.Delete());
    }

    [Fact]
    public void The_upload_manifest_remembers_content_hashes_per_server_across_runs()
    {
        var directory = new ConfigDirectory(Path.Combine(_temp.Path, "config"));
        var trackId = Guid.NewGuid();
        new UploadManifest(directory).Record("http://a", "abc", new UploadedFile(trackId, "/music/a.wav", DateTimeOffset.UtcNow));

        var reopened = new UploadManifest(directory);

        Assert.Equal(trackId, reopened.Find("http://a", "abc")?.TrackId);
        Assert.Null(reopened.Find("http://b", "abc"));
        reopened.Forget("http://a", "abc");
        Assert.Null(new UploadManifest(directory).Find("http://a", "abc"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(directory.File(UploadManifest.FileName)));
    }

    [Fact]
    public async Task The_content_hash_is_the_files_sha256()
    {
        await File.WriteAllTextAsync(_temp.File("abc.txt"), "abc");

        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", await UploadManifest.HashAsync(_temp.File("abc.txt"), CancellationToken.None));
    }
}
