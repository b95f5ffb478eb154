using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using static AudioPlatform.EndToEnd.Tests.AudioApi;

namespace AudioPlatform.EndToEnd.Tests;

/// <summary>
/// What a developer meets at the Gateway: the OpenAPI documents and the reference at <c>/api/docs</c>, compression,
/// revalidation of derived assets, ranges and downloads, all through the proxy.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ApiSurfaceTests(PlatformFixture platform)
{
    private const string DocumentsPrefix = "/api/docs/openapi/";

    [Fact]
    public async Task Every_api_route_the_gateway_exposes_is_documented_and_the_reference_answers_html()
    {
        var routes = GatewayRoutes();
        var apiRoutes = routes.Where(route => route.Path.StartsWith("/api/v1", StringComparison.Ordinal)).ToList();
        var documentPaths = routes.Where(route => route.Path.StartsWith(DocumentsPrefix, StringComparison.Ordinal))
            .Select(route => route.Path)
            .Append($"{DocumentsPrefix}gateway.json")
            .ToList();
        Assert.NotEmpty(apiRoutes);

        var operations = new List<(string Method, string Path)>();
        foreach (var documentPath in documentPaths)
        {
            using var response = await platform.Gateway.GetAsync(documentPath);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{documentPath}: {(int)response.StatusCode} {body}");
            using var document = JsonDocument.Parse(body);
            Assert.True(document.RootElement.GetProperty("components").TryGetProperty("securitySchemes", out _), $"{documentPath} has no security schemes");
            foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
            {
                operations.AddRange(path.Value.EnumerateObject().Select(operation => (operation.Name.ToUpperInvariant(), path.Name)));
            }
        }

        Assert.All(apiRoutes, route => Assert.True(
            operations.Any(operation => route.Matches(operation.Method, operation.Path)),
            $"Route {route.Id} ({string.Join(',', route.Methods)} {route.Path}) has no documented operation"));

        using var reference = await platform.Gateway.GetAsync("/api/docs");
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Equal("text/html", reference.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Json_is_compressed_as_the_client_asks_through_the_proxy_and_audio_and_png_never_are()
    {
        using var client = await ClientAsync();
        var (trackId, _) = await AnalysedTrackAsync(client, "compressed.wav");

        using var brotli = await GetAsync(client, "/api/v1/audio", "br");
        using var gzip = await GetAsync(client, "/api/v1/audio", "gzip");
        using var problem = await GetAsync(client, $"/api/v1/audio/{Guid.NewGuid()}", "br");
        using var stream = await GetAsync(client, $"/api/v1/audio/{trackId}/stream", "br, gzip");
        using var png = await GetAsync(client, $"/api/v1/audio/{trackId}/spectrogram.png", "br, gzip");

        Assert.Equal(["br"], brotli.Content.Headers.ContentEncoding);
        using (var listed = JsonDocument.Parse(await DecodeAsync(brotli, body => new BrotliStream(body, CompressionMode.Decompress))))
        {
            Assert.Contains(listed.RootElement.GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetGuid() == trackId);
        }

        Assert.Equal(["gzip"], gzip.Content.Headers.ContentEncoding);
        using (var listed = JsonDocument.Parse(await DecodeAsync(gzip, body => new GZipStream(body, CompressionMode.Decompress))))
        {
            Assert.True(listed.RootElement.GetProperty("totalCount").GetInt32() >= 1);
        }

        Assert.Equal(HttpStatusCode.NotFound, problem.StatusCode);
        Assert.Equal("application/problem+json", problem.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["br"], problem.Content.Headers.ContentEncoding);
        using (var details = JsonDocument.Parse(await DecodeAsync(problem, body => new BrotliStream(body, CompressionMode.Decompress))))
        {
            Assert.Equal(404, details.RootElement.GetProperty("status").GetInt32());
        }

        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        Assert.Empty(stream.Content.Headers.ContentEncoding);
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Empty(png.Content.Headers.ContentEncoding);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, (await png.Content.ReadAsByteArrayAsync())[..4]);
    }

    [Fact]
    public async Task Derived_assets_revalidate_with_304_and_the_original_answers_ranges_and_downloads_by_its_name()
    {
        using var client = await ClientAsync();
        // A quote in a name would need escaping in Content-Disposition; Ingest stores it as '_' (names are made safe on
        // every system on the way in), and the header must carry the accented, spaced, semicoloned rest intact.
        const string fileName = "Café \"del\" Mar; take 1.wav";
        const string storedName = "Café _del_ Mar; take 1.wav";
        var (trackId, wav) = await AnalysedTrackAsync(client, fileName, storedName);

        foreach (var asset in new[] { "waveform", "spectrogram.png" })
        {
            using var first = await GetAsync(client, $"/api/v1/audio/{trackId}/{asset}", "br");
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Contains("immutable", first.Headers.CacheControl?.ToString());
            var etag = Assert.IsType<EntityTagHeaderValue>(first.Headers.ETag);

            using var again = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/audio/{trackId}/{asset}");
            again.Headers.IfNoneMatch.Add(etag);
            again.Headers.AcceptEncoding.ParseAdd("br");
            using var revalidated = await client.SendAsync(again);
            Assert.True(revalidated.StatusCode == HttpStatusCode.NotModified, $"{asset} with If-None-Match {etag}: {(int)revalidated.StatusCode}");
        }

        using var rangeRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/audio/{trackId}/stream");
        rangeRequest.Headers.Range = new RangeHeaderValue(100, 1099);
        using var range = await client.SendAsync(rangeRequest);
        Assert.Equal(HttpStatusCode.PartialContent, range.StatusCode);
        Assert.Equal($"bytes 100-1099/{wav.Length}", range.Content.Headers.ContentRange?.ToString());
        Assert.Equal(wav[100..1100], await range.Content.ReadAsByteArrayAsync());

        using var download = await client.GetAsync($"/api/v1/audio/{trackId}/stream?download=true");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var disposition = download.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal(storedName, Uri.UnescapeDataString(disposition.FileNameStar!));
        Assert.Equal(wav.Length, (await download.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task A_tagged_download_carries_the_tempo_in_the_files_own_tags_and_the_same_audio()
    {
        using var client = await ClientAsync();
        var mp3 = await TestAudio.EncodeAsync(TestAudio.ClickTrackWav(bpm: 120, seconds: 8), "mp3");
        var (trackId, _) = await AnalysedTrackAsync(client, "tagged.mp3", audio: mp3);
        var analysis = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/audio/{trackId}")).GetProperty("analysis");
        var tempo = analysis.GetProperty("tempoBpm");
        Assert.True(tempo.ValueKind == JsonValueKind.Number, $"a 120 BPM click track has a tempo: {analysis}");

        using var tagged = await client.GetAsync($"/api/v1/audio/{trackId}/stream?download=true&tags=true");
        Assert.Equal(HttpStatusCode.OK, tagged.StatusCode);
        Assert.Equal("audio/mpeg", tagged.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", tagged.Content.Headers.ContentDisposition?.DispositionType);
        var file = await tagged.Content.ReadAsByteArrayAsync();

        var tags = await TestAudio.TagsAsync(file, "mp3");
        Assert.Equal(Math.Round(tempo.GetDouble()).ToString(CultureInfo.InvariantCulture), tags["TBPM"]);
        Assert.Equal(await TestAudio.DecodedMd5Async(mp3, "mp3"), await TestAudio.DecodedMd5Async(file, "mp3"));

        using var plain = await client.GetAsync($"/api/v1/audio/{trackId}/stream");
        Assert.Equal(mp3, await plain.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_tagged_zip_of_a_selection_streams_each_file_tagged_and_refuses_bad_lists_with_problems()
    {
        using var client = await ClientAsync();
        var mp3 = await TestAudio.EncodeAsync(TestAudio.ClickTrackWav(bpm: 120, seconds: 8), "mp3");
        var (first, _) = await AnalysedTrackAsync(client, "zip one.mp3", audio: mp3);
        var (second, _) = await AnalysedTrackAsync(client, "zip two.mp3", audio: mp3);
        var tempo = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/audio/{first}")).GetProperty("analysis").GetProperty("tempoBpm").GetDouble();

        using var posted = await client.PostAsJsonAsync("/api/v1/audio/export", new { trackIds = new[] { first, second } });
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal("application/zip", posted.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", posted.Content.Headers.ContentDisposition?.DispositionType);
        using (var zip = new ZipArchive(new MemoryStream(await posted.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read))
        {
            Assert.Equal(["zip one.mp3", "zip two.mp3", "export.csv"], zip.Entries.Select(entry => entry.FullName));
            using var file = new MemoryStream();
            await zip.GetEntry("zip one.mp3")!.Open().CopyToAsync(file);
            var tags = await TestAudio.TagsAsync(file.ToArray(), "mp3");
            Assert.Equal(Math.Round(tempo).ToString(CultureInfo.InvariantCulture), tags["TBPM"]);
            Assert.Equal(await TestAudio.DecodedMd5Async(mp3, "mp3"), await TestAudio.DecodedMd5Async(file.ToArray(), "mp3"));
        }

        using var linked = await client.GetAsync($"/api/v1/audio/export?ids={first},{second}");
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        Assert.Equal("application/zip", linked.Content.Headers.ContentType?.MediaType);

        var someoneElse = await (await platform.UserAsync("zip-other")).CreateClient(platform.GatewayAddress)
            .PostAsJsonAsync("/api/v1/audio/export", new { trackIds = new[] { first } });
        await AssertProblemAsync(someoneElse, HttpStatusCode.NotFound, "not in your library");
        await AssertProblemAsync(await client.PostAsJsonAsync("/api/v1/audio/export", new { trackIds = Array.Empty<Guid>() }), HttpStatusCode.BadRequest, "at least one track");
        await AssertProblemAsync(await client.PostAsJsonAsync("/api/v1/audio/export", new { trackIds = new[] { first, first } }), HttpStatusCode.BadRequest, "repeats");
        await AssertProblemAsync(await client.GetAsync("/api/v1/audio/export?ids=../../etc/passwd"), HttpStatusCode.BadRequest, "not a track id");
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string says)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(says, body, StringComparison.OrdinalIgnoreCase);
        }
    }

    private async Task<HttpClient> ClientAsync() => (await platform.UserAsync("api-surface")).CreateClient(platform.GatewayAddress);

    /// <summary>
    /// Uploads a short WAV named as a browser would send a name with quotes and non-ASCII letters (RFC 5987
    /// <c>filename*</c>), then waits for its analysis.
    /// </summary>
    private static async Task<(Guid TrackId, byte[] Wav)> AnalysedTrackAsync(HttpClient client, string fileName, string? storedName = null, byte[]? audio = null)
    {
        var wav = audio ?? TestAudio.ClickTrackWav(bpm: 120, seconds: 4);
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(wav);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        part.Headers.TryAddWithoutValidation("Content-Disposition",
            $"form-data; name=\"file\"; filename=\"upload.wav\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}");
        form.Add(part);
        using var uploaded = await client.PostAsync("/api/v1/audio/upload", form);
        var body = await uploaded.Content.ReadAsStringAsync();
        Assert.True(uploaded.StatusCode == HttpStatusCode.Accepted, $"{(int)uploaded.StatusCode}: {body}");
        var created = JsonDocument.Parse(body).RootElement[0];
        Assert.Equal(storedName ?? fileName, created.GetProperty("fileName").GetString());
        var trackId = created.GetProperty("id").GetGuid();
        var track = await WaitForStatusAsync(client, trackId, "analyzed", "failed");
        Assert.True(track.GetProperty("status").GetString() == "analyzed", track.ToString());
        return (trackId, wav);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        return await client.SendAsync(request);
    }

    private static async Task<byte[]> DecodeAsync(HttpResponseMessage response, Func<Stream, Stream> decoder)
    {
        await using var body = await response.Content.ReadAsStreamAsync();
        await using var decoded = decoder(body);
        using var plain = new MemoryStream();
        await decoded.CopyToAsync(plain);
        return plain.ToArray();
    }

    /// <summary>The Gateway's YARP routes, as its own appsettings.json declares them.</summary>
    private static List<ProxyRoute> GatewayRoutes()
    {
        var settings = Path.Combine(Path.GetDirectoryName(new Projects.Gateway().ProjectPath)!, "appsettings.json");
        using var json = JsonDocument.Parse(File.ReadAllText(settings));
        return json.RootElement.GetProperty("ReverseProxy").GetProperty("Routes").EnumerateObject()
            .Select(route =>
            {
                var match = route.Value.GetProperty("Match");
                var methods = match.TryGetProperty("Methods", out var listed)
                    ? listed.EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).ToList()
                    : [];
                return new ProxyRoute(route.Name, match.GetProperty("Path").GetString()!, methods);
            })
            .ToList();
    }

    /// <summary>
    /// A route pattern matched against a documented path: a catch-all stands for one or more segments, any other
    /// parameter for one segment (a documented <c>{trackId}</c> or a literal such as <c>stream</c>).
    /// </summary>
    private sealed record ProxyRoute(string Id, string Path, IReadOnlyList<string> Methods)
    {
        public bool Matches(string method, string documentedPath) =>
            (Methods.Count == 0 || Methods.Contains(method))
            && new Regex($"^{PatternRegex()}$", RegexOptions.IgnoreCase).IsMatch(documentedPath);

        private string PatternRegex() =>
            string.Join("/", Path.Split('/').Select(segment =>
                segment.StartsWith("{**", StringComparison.Ordinal) ? ".+"
                : segment.StartsWith('{') ? "[^/]+"
                : Regex.Escape(segment)));
    }
}
