using System.Text;
using AudioPlatform.Ingest.Apis;
using AudioPlatform.Ingest.Model;

namespace AudioPlatform.Ingest.Tests;

/// <summary>Hostile and awkward names as a client can send them, and what is kept of each.</summary>
public sealed class UploadNamesTests
{
    /// <summary>What no kept name may contain: controls, bidirectional controls and invisible characters.</summary>
    private static void AssertShowsAsWritten(string name)
    {
        foreach (var rune in name.EnumerateRunes())
        {
            var c = rune.Value;
            Assert.False(Rune.IsControl(rune), $"control U+{c:X4} kept in '{name}'");
            Assert.False(c is (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069) or 0x200E or 0x200F or 0x061C,
                $"bidirectional control U+{c:X4} kept in '{name}'");
            Assert.False(c is 0x200B or 0xFEFF or (>= 0x2060 and <= 0x2064), $"invisible U+{c:X4} kept in '{name}'");
        }

        Assert.True(name.IsNormalized(NormalizationForm.FormC), $"'{name}' is not NFC");
        Assert.Equal(name.Trim(), name);
        Assert.DoesNotContain("  ", name);
    }

    public static TheoryData<string, string, string> FileNames => new()
    {
        { "right-to-left override", "\u202E3pm.exe", "3pm.exe" },
        { "override in the middle", "song\u202Egnp.mp3", "songgnp.mp3" },
        { "every bidirectional control and mark", "\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069\u200E\u200F\u061Cbeat.wav", "beat.wav" },
        { "zero-width space and byte-order mark", "be\u200Bat\uFEFF.wav", "beat.wav" },
        { "NUL and other C0 controls", "be\0a\u0007t.wav", "beat.wav" },
        { "C1 controls", "be\u0085a\u009Bt.wav", "be at.wav" },
        { "header injection with CRLF", "a.mp3\r\nSet-Cookie: x=1", "a.mp3 Set-Cookie_ x=1" },
        { "newline and tab", "my\nnew\ttrack.mp3", "my new track.mp3" },
        { "whitespace runs and odd spaces", "  my \u00A0 \u3000 track .mp3  ", "my track .mp3" },
        { "Unix path traversal", "../../etc/passwd", "passwd" },
        { "Windows path", "C:\\Users\\me\\Music\\take.flac", "take.flac" },
        { "only a path", "../..", "untitled" },
        { "Windows reserved characters", "a<b>c:d\"e|f?g*h.mp3", "a_b_c_d_e_f_g_h.mp3" },
        { "Windows device name", "CON.mp3", "_CON.mp3" },
        { "Windows device name, any case", "nul", "_nul" },
        { "trailing dots and spaces", "take.mp3. . ", "take.mp3" },
        { "hidden-file dot", ".mp3", "mp3" },
        { "nothing left", "\u202E\u200B\0 ", "untitled" },
        { "empty", "", "untitled" },
        { "emoji with a zero-width joiner kept", "\U0001F469\u200D\U0001F3A4 live.mp3", "\U0001F469\u200D\U0001F3A4 live.mp3" },
        { "decomposed accent composed (NFD to NFC)", "Cafe\u0301.mp3", "Caf\u00E9.mp3" },
    };

    [Theory]
    [MemberData(nameof(FileNames))]
    public void A_file_name_keeps_what_it_shows_and_loses_what_hides_or_breaks_things(string because, string sent, string expected)
    {
        var kept = UploadNames.FileName(sent);

        Assert.True(expected == kept, $"{because}: expected '{expected}', got '{kept}'");
        AssertShowsAsWritten(kept);
    }

    [Fact]
    public void A_very_long_name_is_cut_at_255_utf8_bytes_keeping_its_extension()
    {
        var kept = UploadNames.FileName(new string('a', 1000) + ".flac");

        Assert.Equal(255, Encoding.UTF8.GetByteCount(kept));
        Assert.EndsWith("a.flac", kept);
    }

    [Theory]
    [InlineData("\U0001F3B5")]
    [InlineData("\U0001F469\u200D\U0001F3A4")]
    [InlineData("e\u0301\u0302")]
    [InlineData("\u00E9")]
    public void A_long_name_is_never_cut_inside_a_character(string character)
    {
        var sent = string.Concat(Enumerable.Repeat(character, 400)) + ".mp3";

        var kept = UploadNames.FileName(sent);

        Assert.InRange(Encoding.UTF8.GetByteCount(kept), 200, 255);
        Assert.EndsWith(".mp3", kept);
        var stem = kept[..^4];
        var whole = character.Normalize(NormalizationForm.FormC);
        Assert.Equal(string.Empty, stem.Replace(whole, string.Empty, StringComparison.Ordinal));
        Assert.Equal(stem, Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(stem)));
    }

    [Fact]
    public void A_letter_under_hundreds_of_combining_marks_is_cut_between_code_points()
    {
        var kept = UploadNames.Text("Z" + new string('\u0336', 500));

        Assert.NotNull(kept);
        Assert.InRange(Encoding.UTF8.GetByteCount(kept), 250, 255);
        Assert.Equal('Z', kept[0]);
    }

    [Fact]
    public void A_lone_surrogate_is_removed_rather_than_failing_the_normalisation()
    {
        Assert.Equal("beat.mp3", UploadNames.FileName("be\uD800at.mp3"));
    }

    [Theory]
    [InlineData("\u202EsgnoS\u202C Live", "sgnoS Live")]
    [InlineData("Artist\r\nX-Injected: 1", "Artist X-Injected: 1")]
    [InlineData("  Deep   Blue  ", "Deep Blue")]
    [InlineData("\u200B\u2066", null)]
    [InlineData(null, null)]
    public void A_title_artist_or_album_tag_is_cleaned_the_same_way_but_keeps_punctuation(string? sent, string? expected)
    {
        Assert.Equal(expected, UploadNames.Text(sent));
    }

    [Fact]
    public void A_title_from_a_file_name_is_the_name_without_its_extension()
    {
        Assert.Equal("zebra-crossing", UploadNames.TitleFromFileName("zebra-crossing.mp3"));
        Assert.Equal("untitled", UploadNames.TitleFromFileName("untitled"));
    }

    [Theory]
    [InlineData("\u202E3pm.exe", "3pm.exe")]
    [InlineData("a.mp3\r\nSet-Cookie: x=1", "a.mp3 Set-Cookie_ x=1")]
    [InlineData("caf\u00E9 \"live\"; take.mp3", "caf\u00E9 _live_; take.mp3")]
    public void A_download_header_carries_the_cleaned_name_whatever_was_stored(string stored, string expected)
    {
        var header = AudioApi.Attachment(stored);

        Assert.DoesNotContain('\r', header);
        Assert.DoesNotContain('\n', header);
        Assert.DoesNotContain('\u202E', header);
        var parsed = Microsoft.Net.Http.Headers.ContentDispositionHeaderValue.Parse(header);
        Assert.Equal("attachment", parsed.DispositionType.Value);
        Assert.Equal(expected, parsed.FileNameStar.Value);
    }
}
