using System.Diagnostics;
using System.Text.Json;

namespace AudioPlatform.AudioTags.Tests;

/// <summary>
/// Writes tags into real files of every accepted format (made by ffmpeg) and reads them back with ffprobe, an
/// independent reader; the decoded audio is hashed before and after, so "the audio stream untouched" is checked, not assumed.
/// </summary>
public sealed class AnalysisTagWriterTests : IDisposable
{
    private static readonly TrackTags Analysis = new(127.6, "F# minor", "11A", ["techno", "house"], ["dark", "energetic"]);

    private readonly string _folder = Directory.CreateTempSubdirectory("audiotags-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("mp3", "TBPM", "128", "TKEY", "F#m")]
    [InlineData("wav", "TBPM", "128", "TKEY", "F#m")]
    [InlineData("aiff", "TBPM", "128", "TKEY", "F#m")]
    [InlineData("flac", "BPM", "127.6", "INITIALKEY", "F#m")]
    [InlineData("ogg", "BPM", "127.6", "INITIALKEY", "F#m")]
    public void Tempo_key_camelot_genre_and_mood_are_written_where_DJ_software_reads_them(string format, string bpmField, string bpm, string keyField, string key)
    {
        var path = MakeFile(format);
        var audioBefore = DecodedAudioHash(path);

        AnalysisTagWriter.Write(path, format, Analysis);

        var tags = format == "wav" ? Id3FramesOfWav(path) : ReadTags(path);
        Assert.Equal(bpm, tags[bpmField]);
        Assert.Equal(key, tags[keyField]);
        Assert.Equal("11A", tags["CAMELOT"]);
        Assert.Contains("techno", tags["GENRE"]);
        Assert.Contains("dark", tags[format is "flac" or "ogg" ? "MOOD" : "TMOO"]);
        Assert.Equal("Night Drive", TitleAsTagLibReadsIt(path, format));
        Assert.Equal(audioBefore, DecodedAudioHash(path));
    }

    [Fact]
    public void Unknown_values_leave_the_file_own_tags_alone()
    {
        var path = MakeFile("flac");
        AnalysisTagWriter.Write(path, "flac", new TrackTags(null, null, null, [], []));
        var tags = ReadTags(path);
        Assert.False(tags.ContainsKey("BPM"));
        Assert.False(tags.ContainsKey("INITIALKEY"));
        Assert.Equal("Night Drive", tags["TITLE"]);
    }

    private static string? TitleAsTagLibReadsIt(string path, string format)
    {
        using var file = TagLib.File.Create(new TagLib.File.LocalFileAbstraction(path), $"taglib/{format}", TagLib.ReadStyle.None);
        return file.Tag.Title;
    }

    [Theory]
    [InlineData("A minor", "Am")]
    [InlineData("Bb major", "Bb")]
    [InlineData("C# minor", "C#m")]
    [InlineData("H major", null)]
    [InlineData("A dorian", null)]
    [InlineData("", null)]
    public void The_key_is_written_in_the_three_character_notation(string key, string? expected) =>
        Assert.Equal(expected, (Analysis with { Key = key }).InitialKey);

    [Fact]
    public void A_format_the_platform_does_not_accept_is_refused() =>
        Assert.Throws<TagLib.UnsupportedFormatException>(() => AnalysisTagWriter.Write(Path.Combine(_folder, "x.txt"), "txt", Analysis));

    /// <summary>A two-second tone titled "Night Drive" (in a WAV, ffmpeg writes the title into the RIFF INFO list).</summary>
    private string MakeFile(string format)
    {
        var path = Path.Combine(_folder, $"track.{format}");
        var codec = format switch { "ogg" => ["-c:a", "libvorbis"], "mp3" => ["-c:a", "libmp3lame"], _ => Array.Empty<string>() };
        Run("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-metadata", "title=Night Drive", .. codec,
            .. format == "aiff" ? new[] { "-write_id3v2", "1" } : [], path]);
        return path;
    }

    /// <summary>The MD5 of the decoded samples: the same before and after when only the tags changed.</summary>
    private static string DecodedAudioHash(string path) => Run("ffmpeg", ["-v", "error", "-i", path, "-map", "0:a", "-f", "md5", "-"]).Trim();

    /// <summary>
    /// A WAV's ID3 chunk, read by TagLibSharp: ffprobe reads a WAV's ID3 chunk only when the file has no RIFF INFO
    /// list, and this one has (its title), as WAVs from DAWs usually do; DJ software reads the ID3 chunk either way.
    /// </summary>
    private static Dictionary<string, string> Id3FramesOfWav(string path)
    {
        using var file = TagLib.File.Create(new TagLib.File.LocalFileAbstraction(path), "taglib/wav", TagLib.ReadStyle.None);
        var id3 = (TagLib.Id3v2.Tag)file.GetTag(TagLib.TagTypes.Id3v2);
        return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["TBPM"] = id3.BeatsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["TKEY"] = string.Join(";", id3.GetFrames<TagLib.Id3v2.TextInformationFrame>("TKEY").SelectMany(f => f.Text)),
            ["CAMELOT"] = TagLib.Id3v2.UserTextInformationFrame.Get(id3, "CAMELOT", false)?.Text.FirstOrDefault() ?? "",
            ["GENRE"] = string.Join(";", id3.Genres),
            ["TMOO"] = string.Join(";", id3.GetFrames<TagLib.Id3v2.TextInformationFrame>("TMOO").SelectMany(f => f.Text)),
        };
    }

    /// <summary>The format-level tags as ffprobe reads them, upper-cased names.</summary>
    private static Dictionary<string, string> ReadTags(string path)
    {
        using var json = JsonDocument.Parse(Run("ffprobe", ["-v", "error", "-show_entries", "format_tags:stream_tags", "-of", "json", path]));
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in new[] { json.RootElement.GetProperty("format") }.Concat(json.RootElement.GetProperty("streams").EnumerateArray()))
        {
            if (!section.TryGetProperty("tags", out var found)) continue;
            foreach (var tag in found.EnumerateObject()) tags.TryAdd(tag.Name, tag.Value.GetString() ?? "");
        }
        return tags;
    }

    private static string Run(string command, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{command} failed: {error}");
        return output.Result;
    }
}
