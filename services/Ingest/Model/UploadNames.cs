using System.Globalization;
using System.Text;

namespace AudioPlatform.Ingest.Model;

/// <summary>
/// Makes the names a user sends (the file name of a part, the title, artist and album tags inside the file) safe to
/// show and to send back, once, on the way in: every later reader (the library, the web app, a download) gets text
/// that cannot reorder itself on screen, hide characters, break a header or a line, or name a folder.
/// </summary>
/// <remarks>
/// In order: lone surrogates removed (they cannot be normalised), NFC (so "é" typed two ways is one name), control
/// characters (C0, DEL, C1) removed except that line breaks and tabs become spaces, bidirectional controls and
/// invisible characters removed (U+202E would show <c>‮3pm.exe</c> as "exe.mp3"), whitespace runs collapsed to one
/// space, then the length capped in UTF-8 bytes at a text-element boundary, so no code point, surrogate pair,
/// combining sequence or emoji is cut in half. Zero-width joiners stay: emoji and several scripts need them.
/// </remarks>
public static class UploadNames
{
    /// <summary>The longest file name kept, in UTF-8 bytes: what common file systems allow for one name.</summary>
    public const int MaxFileNameBytes = 255;

    /// <summary>The longest title, artist or album kept, in UTF-8 bytes.</summary>
    public const int MaxTextBytes = 255;

    /// <summary>The name of a file whose name had nothing left worth keeping.</summary>
    public const string FallbackBaseName = "untitled";

    private static readonly string[] WindowsDeviceNames =
    [
        "CON", "PRN", "AUX", "NUL",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    ];

    /// <summary>
    /// A file name as the user sent it, reduced to its last path segment and made safe for every operating system a
    /// download may land on: Windows' reserved characters (<c>&lt;&gt;:"|?*</c>) become <c>_</c>, leading and trailing dots
    /// are dropped and a device name (<c>CON</c>, <c>NUL.mp3</c>…) gets a <c>_</c> in front. Answers
    /// <see cref="FallbackBaseName"/> when nothing is left; the extension is kept when the name has to be shortened.
    /// </summary>
    public static string FileName(string? sent)
    {
        var lastSegment = (sent ?? string.Empty).Replace('\\', '/');
        lastSegment = lastSegment[(lastSegment.LastIndexOf('/') + 1)..];
        var text = Clean(lastSegment);
        var name = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            name.Append(c is '<' or '>' or ':' or '"' or '|' or '?' or '*' ? '_' : c);
        }

        var safe = name.ToString().Trim('.', ' ');
        if (safe.Length == 0)
        {
            return FallbackBaseName;
        }

        var stem = safe.Split('.')[0];
        if (WindowsDeviceNames.Contains(stem, StringComparer.OrdinalIgnoreCase))
        {
            safe = "_" + safe;
        }

        var capped = CapKeepingExtension(safe, MaxFileNameBytes).Trim('.', ' ');
        return capped.Length == 0 ? FallbackBaseName : capped;
    }

    /// <summary>A title, artist or album: cleaned as the remarks say and capped; null when nothing is left.</summary>
    public static string? Text(string? sent)
    {
        var text = Clean(sent ?? string.Empty);
        return text.Length == 0 ? null : Cap(text, MaxTextBytes);
    }

    /// <summary>
    /// The title a track gets from its file name when its tags have none: the name without its extension, or the
    /// whole name when that would leave nothing (<c>.mp3</c>).
    /// </summary>
    public static string TitleFromFileName(string fileName)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName).Trim();
        return stem.Length > 0 ? stem : fileName;
    }

    private static string Clean(string text)
    {
        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                kept.Append(c).Append(text[++i]);
            }
            else if (!char.IsSurrogate(c))
            {
                kept.Append(c);
            }
        }

        var normalized = kept.ToString().Normalize(NormalizationForm.FormC);
        var result = new StringBuilder(normalized.Length);
        var pendingSpace = false;
        foreach (var c in normalized)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = result.Length > 0;
                continue;
            }

            if (char.IsControl(c) || IsInvisibleFormatting(c))
            {
                continue;
            }

            if (pendingSpace)
            {
                result.Append(' ');
                pendingSpace = false;
            }

            result.Append(c);
        }

        return result.ToString();
    }

    /// <summary>
    /// Bidirectional controls (embeddings, overrides, isolates and marks) and characters that draw nothing but can hide
    /// text or make two names look alike: the zero-width space, the word joiner and invisible operators, the byte-order
    /// mark, the Mongolian vowel separator.
    /// </summary>
    private static bool IsInvisibleFormatting(char c) => c is
        (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C'
        or '\u200B' or (>= '\u2060' and <= '\u2064') or '\uFEFF' or '\u180E';

    private static string CapKeepingExtension(string name, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(name) <= maxBytes)
        {
            return name;
        }

        var extension = Path.GetExtension(name);
        if (extension.Length is 0 or > 16 || Encoding.UTF8.GetByteCount(extension) >= maxBytes / 2)
        {
            return Cap(name, maxBytes);
        }

        var stem = Cap(name[..^extension.Length], maxBytes - Encoding.UTF8.GetByteCount(extension)).TrimEnd('.', ' ');
        return stem + extension;
    }

    /// <summary>
    /// The longest prefix of whole text elements (user-perceived characters) within <paramref name="maxBytes"/>; of whole
    /// code points when even the first text element is longer (a letter under hundreds of combining marks).
    /// </summary>
    private static string Cap(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return text;
        }

        var byElements = CapAtTextElements(text, maxBytes);
        return byElements.Length > 0 ? byElements : CapAtCodePoints(text, maxBytes);
    }

    private static string CapAtCodePoints(string text, int maxBytes)
    {
        var length = 0;
        var bytes = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > maxBytes)
            {
                break;
            }

            bytes += rune.Utf8SequenceLength;
            length += rune.Utf16SequenceLength;
        }

        return text[..length].TrimEnd();
    }

    private static string CapAtTextElements(string text, int maxBytes)
    {
        var length = 0;
        var bytes = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            var size = Encoding.UTF8.GetByteCount(element);
            if (bytes + size > maxBytes)
            {
                break;
            }

            bytes += size;
            length += element.Length;
        }

        return text[..length].TrimEnd();
    }
}
