using System.Globalization;
using TagLib;
using Id3v2Tag = TagLib.Id3v2.Tag;

namespace AudioPlatform.AudioTags;

/// <summary>
/// Writes <see cref="TrackTags"/> into an audio file's own tags with TagLibSharp, leaving the audio stream untouched:
/// ID3v2.4 in MP3, WAV (the "id3 " chunk) and AIFF (the ID3 chunk): TBPM, TKEY, TCON, TMOO and a user text frame
/// CAMELOT; Vorbis comments in FLAC and Ogg: BPM, INITIALKEY, CAMELOT, GENRE, MOOD. The file's other tags (title,
/// artist, album, pictures) are kept.
/// </summary>
public static class AnalysisTagWriter
{
    /// <summary>The formats the platform accepts, as TagLibSharp's MIME-style names for them.</summary>
    private static readonly Dictionary<string, string> MimeTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mp3"] = "taglib/mp3",
        ["wav"] = "taglib/wav",
        ["aiff"] = "taglib/aiff",
        ["flac"] = "taglib/flac",
        ["ogg"] = "taglib/ogg",
    };

    public static bool Supports(string format) => MimeTypes.ContainsKey(format);

    /// <summary>Writes the tags into the file at <paramref name="path"/> (a copy: the stored original is never changed).</summary>
    /// <exception cref="UnsupportedFormatException">The file is not of a format TagLibSharp can write.</exception>
    /// <exception cref="CorruptFileException">The file's structure could not be read.</exception>
    public static void Write(string path, string format, TrackTags tags)
    {
        if (!MimeTypes.TryGetValue(format, out var mimeType)) throw new UnsupportedFormatException($"Tags cannot be written into {format} files.");
        using var file = TagLib.File.Create(new TagLib.File.LocalFileAbstraction(path), mimeType, ReadStyle.None);
        if (format is "flac" or "ogg")
        {
            WriteVorbisComments((TagLib.Ogg.XiphComment)file.GetTag(TagTypes.Xiph, create: true), tags);
        }
        else
        {
            WriteId3v2((Id3v2Tag)file.GetTag(TagTypes.Id3v2, create: true), tags);
        }
        file.Save();
    }

    private static void WriteId3v2(Id3v2Tag tag, TrackTags tags)
    {
        tag.Version = 4;
        if (tags.WholeBpm is { } bpm) tag.BeatsPerMinute = (uint)bpm;
        if (tags.InitialKey is { } key) tag.SetTextFrame("TKEY", key);
        if (tags.Camelot is { Length: > 0 } camelot) TagLib.Id3v2.UserTextInformationFrame.Get(tag, "CAMELOT", true).Text = [camelot];
        if (tags.Genres.Count > 0) tag.Genres = [.. tags.Genres];
        if (tags.Moods.Count > 0) tag.SetTextFrame("TMOO", tags.Moods.ToArray());
    }

    private static void WriteVorbisComments(TagLib.Ogg.XiphComment comment, TrackTags tags)
    {
        if (tags.TempoBpm is > 0 and < 1000) comment.SetField("BPM", Math.Round(tags.TempoBpm.Value, 2).ToString(CultureInfo.InvariantCulture));
        if (tags.InitialKey is { } key) comment.SetField("INITIALKEY", key);
        if (tags.Camelot is { Length: > 0 } camelot) comment.SetField("CAMELOT", camelot);
        if (tags.Genres.Count > 0) comment.SetField("GENRE", [.. tags.Genres]);
        if (tags.Moods.Count > 0) comment.SetField("MOOD", [.. tags.Moods]);
    }
}
