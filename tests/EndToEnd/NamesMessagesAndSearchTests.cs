using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using static AudioPlatform.EndToEnd.Tests.AudioApi;

namespace AudioPlatform.EndToEnd.Tests;

/// <summary>
/// What a user reads back of what they sent: hostile file names made harmless on the way in (title, stored name,
/// download header), refusals and analysis failures in words without the machinery behind them, and search.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class NamesMessagesAndSearchTests(PlatformFixture platform)
{
    /// <summary>Words that belong in a log: paths, processes, exit codes, the decoder's own voice.</summary>
    private static readonly string[] InternalWords = ["/", "tmp", "exit", "ffmpeg", "ffprobe", "decoder said", "audioplatform-", "Invalid data"];

    private static readonly char[] Hidden = ['\u202E', '\u202D', '\u2066', '\u200B', '\u200F', '\0', '\r', '\n'];

    /// <summary>One part named <c>file</c> per name, the name sent as RFC 5987 <c>filename*</c> so any character gets through.</summary>
    private static MultipartFormDataContent RawNames(params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileNameStar = name };
            form.Add(part);
        }

        return form;
    }

    /// <summary>The WAV with a RIFF INFO title (what ffprobe reports as the <c>title</c> tag), placed before its data.</summary>
    private static byte[] WithTitleTag(byte[] wav, string title)
    {
        var text = Encoding.UTF8.GetBytes(title + "\0");
        var padded = text.Length + (text.Length & 1);
        using var list = new MemoryStream();
        using (var writer = new BinaryWriter(list, Encoding.ASCII, leaveOpen: true))
        {
            writer.Write("LIST"u8);
            writer.Write(4 + 8 + padded);
            writer.Write("INFO"u8);
            writer.Write("INAM"u8);
            writer.Write(text.Length);
            writer.Write(text);
            if ((text.Length & 1) == 1)
            {
                writer.Write((byte)0);
            }
        }

        const int fmtEnd = 36; // RIFF header (12) + fmt chunk (24) in TestAudio's files
        byte[] tagged = [.. wav[..fmtEnd], .. list.ToArray(), .. wav[fmtEnd..]];
        BitConverter.GetBytes(tagged.Length - 8).CopyTo(tagged, 4);
        return tagged;
    }

    private static void AssertNoInternals(string? message)
    {
        Assert.False(string.IsNullOrWhiteSpace(message));
        foreach (var word in InternalWords)
        {
            Assert.False(message!.Contains(word, StringComparison.OrdinalIgnoreCase), $"'{word}' in \"{message}\"");
        }
    }

    [Fact]
    public async Task Hostile_file_names_reach_the_title_the_stored_name_and_the_download_header_cleaned()
    {
        var user = await platform.UserAsync("names");
        using var client = user.CreateClient(platform.GatewayAddress);
        var wav = TestAudio.ClickTrackWav(bpm: 100, seconds: 3);

        using var response = await client.PostAsync("/api/v1/audio/upload", RawNames(
            ("\u202E3pm.exe", wav),
            ("../../etc/passwd", wav),
            ("take\u200B\u2066.wav\r\nSet-Cookie: stolen=1", wav),
            ("\u202E\u200B\0", wav)));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        var created = JsonDocument.Parse(body).RootElement.EnumerateArray().ToList();
        Assert.Equal(["3pm.exe", "passwd", "take.wav Set-Cookie_ stolen=1", "untitled.wav"], created.Select(t => t.GetProperty("fileName").GetString()));
        Assert.Equal("3pm", created[0].GetProperty("title").GetString());

        foreach (var id in created.Select(t => t.GetProperty("id").GetGuid()))
        {
            var track = await WaitForStatusAsync(client, id, "uploaded", "analyzing", "analyzed", "failed");
            Assert.Equal(-1, track.GetProperty("title").GetString()!.IndexOfAny(Hidden));
            Assert.Equal(-1, track.GetProperty("fileName").GetString()!.IndexOfAny(Hidden));
        }

        using var download = await client.GetAsync($"/api/v1/audio/{created[0].GetProperty("id").GetGuid()}/stream?download=true");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var disposition = download.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("3pm.exe", disposition.FileNameStar);
        Assert.DoesNotContain(download.Content.Headers.GetValues("Content-Disposition"), value => value.IndexOfAny(Hidden) >= 0);
        Assert.False(download.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Refused_uploads_say_why_in_words_with_a_trace_id_and_never_a_path_or_the_decoders_output()
    {
        var user = await platform.UserAsync("refusals");
        using var client = user.CreateClient(platform.GatewayAddress);
        var whole = TestAudio.ClickTrackWav(bpm: 120, seconds: 4);
        var noSamples = whole[..44];
        BitConverter.GetBytes(36).CopyTo(noSamples, 4);
        BitConverter.GetBytes(0).CopyTo(noSamples, 40);
        byte[] mp3Garbage = [.. "ID3"u8, 3, 0, 0, 0, 0, 0, 0, .. Enumerable.Repeat((byte)0x5A, 4000)];

        (string Name, byte[] Content, string Expected)[] cases =
        [
            ("nothing.wav", noSamples, "empty"),
            ("cut.wav", whole[..(whole.Length / 3)], "ends before its audio does"),
            ("fake.mp3", mp3Garbage, "'fake.mp3'"),
        ];
        foreach (var (name, content, expected) in cases)
        {
            using var response = await client.PostAsync("/api/v1/audio/upload", Files((name, content)));

            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.True(response.StatusCode == HttpStatusCode.UnsupportedMediaType, $"{name}: {(int)response.StatusCode} {problem}");
            var detail = problem.GetProperty("detail").GetString();
            Assert.Contains(expected, detail);
            AssertNoInternals(detail!.Replace($"'{name}'", "", StringComparison.Ordinal));
            Assert.Matches("^[0-9a-f]{32}$", problem.GetProperty("traceId").GetString());
        }

        Assert.Equal(0, (await ListAsync(client)).GetProperty("totalCount").GetInt64());
    }

    [Fact]
    public async Task An_analysis_failure_is_stored_in_words_without_a_path_or_the_decoders_output()
    {
        var user = await platform.UserAsync("failures");
        using var client = user.CreateClient(platform.GatewayAddress);
        var flac = await TestAudio.EncodeAsync(TestAudio.ClickTrackWav(bpm: 120, seconds: 30), "flac");

        var id = await UploadAsync(client, "cut.flac", flac[..(flac.Length / 2)]);
        var track = await WaitForStatusAsync(client, id, "analyzed", "failed");

        Assert.Equal("failed", track.GetProperty("status").GetString());
        var error = track.GetProperty("error").GetString();
        Assert.Contains("ends before its audio does", error);
        AssertNoInternals(error);
    }

    [Fact]
    public async Task Search_finds_a_file_name_and_whole_tags_but_not_the_words_of_generated_descriptions()
    {
        var user = await platform.UserAsync("searcher");
        using var client = user.CreateClient(platform.GatewayAddress);
        var ids = await UploadAsync(client,
            ("zebra-crossing.wav", WithTitleTag(TestAudio.ClickTrackWav(bpm: 124, seconds: 8), "Crossing Guard")),
            ("Track.wav", TestAudio.ClickTrackWav(bpm: 90, seconds: 8)),
            ("other.wav", TestAudio.ClickTrackWav(bpm: 140, seconds: 8)));
        var analysed = new List<JsonElement>();
        foreach (var id in ids)
        {
            var track = await WaitForStatusAsync(client, id, "analyzed", "failed");
            Assert.Equal("analyzed", track.GetProperty("status").GetString());
            analysed.Add(track);
        }

        Assert.Equal("Crossing Guard", analysed[0].GetProperty("title").GetString());
        // Every generated description names the tempo ("A 124 BPM recording ..."); a search for "bpm" must find none of
        // them (it is no title, file name or whole tag), and one for "track" only the track titled so.
        Assert.All(analysed, track => Assert.Contains("BPM", track.GetProperty("analysis").GetProperty("description").GetString()!, StringComparison.Ordinal));

        static List<string> Titles(JsonElement page) =>
            page.GetProperty("items").EnumerateArray().Select(track => track.GetProperty("title").GetString()!).ToList();

        Assert.Equal(["Crossing Guard"], Titles(await ListAsync(client, "?q=zebra")));
        Assert.Equal(["Track"], Titles(await ListAsync(client, "?q=track")));
        Assert.Empty(Titles(await ListAsync(client, "?q=bpm")));
        var tag = analysed[2].GetProperty("analysis").GetProperty("tags").EnumerateArray().First().GetString()!;
        Assert.Contains("other", Titles(await ListAsync(client, $"?q={Uri.EscapeDataString(tag.ToUpperInvariant())}")));
    }
}
