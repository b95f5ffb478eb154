using System.Buffers;

namespace AudioPlatform.Storage;

/// <summary>
/// The rules every key and prefix follows, whichever backend stores it: segments of
/// <c>[A-Za-z0-9._-]</c> separated by single slashes, no <c>.</c> or <c>..</c> segment, no leading slash,
/// at most 512 characters. They keep a key a safe relative path on disk and an unescaped S3 name.
/// </summary>
public static class ObjectKey
{
    public const int MaxLength = 512;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/");

    private static readonly SearchValues<char> MetadataNameAllowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-");

    /// <summary>The key of an uploaded track's audio.</summary>
    public static string ForAudio(string userId, Guid trackId) => Validate($"audio/{userId}/{trackId:D}");

    /// <summary>The key of the analysis values Ingest writes into a downloaded copy's tags (tempo, key, genres, moods).</summary>
    public static string ForFileTags(string userId, Guid trackId) => Validate($"file-tags/{userId}/{trackId:D}.json");

    /// <summary>The key of the owner's corrections Ingest writes over the analysis values in a downloaded copy's tags.</summary>
    public static string ForFileCorrections(string userId, Guid trackId) => Validate($"file-tags/{userId}/{trackId:D}.corrections.json");

    /// <summary>
    /// The prefix under which every blob derived from a user's track lives. The owner is part of the key, as for the
    /// audio: a key built from the token's user finds only that user's blobs, so serving one needs no other lookup.
    /// </summary>
    public static string DerivedPrefix(string userId, Guid trackId) => ValidatePrefix($"derived/{userId}/{trackId:D}/");

    /// <summary>The key of one blob derived from a user's track (<paramref name="name"/> such as <c>waveform.json</c>).</summary>
    public static string ForDerived(string userId, Guid trackId, string name) => Validate($"{DerivedPrefix(userId, trackId)}{name}");

    public static string Validate(string key)
    {
        var reason = Check(key, isPrefix: false);
        return reason is null ? key : throw new InvalidObjectKeyException(key ?? "", reason);
    }

    public static string ValidatePrefix(string prefix)
    {
        var reason = Check(prefix, isPrefix: true);
        return reason is null ? prefix : throw new InvalidObjectKeyException(prefix ?? "", reason);
    }

    public static void ValidateMetadataName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 64 || name.AsSpan().ContainsAnyExcept(MetadataNameAllowed))
        {
            throw new ArgumentException(
                $"Metadata name '{name}' must be 1 to 64 characters of lower-case letters, digits and '-'.", nameof(name));
        }

        if (IsReservedMetadataName(name))
        {
            throw new ArgumentException($"Metadata name '{name}' is a standard HTTP or S3 header name.", nameof(name));
        }
    }

    /// <summary>Names S3 servers answer as headers of their own; user metadata never uses them.</summary>
    public static bool IsReservedMetadataName(string name) =>
        name.StartsWith("content-", StringComparison.Ordinal)
        || name.StartsWith("x-amz-", StringComparison.Ordinal)
        || name.StartsWith("x-rgw-", StringComparison.Ordinal)
        || name is "etag" or "last-modified" or "date" or "server" or "accept-ranges" or "cache-control" or "expires" or "connection";

    private static string? Check(string? key, bool isPrefix)
    {
        if (string.IsNullOrEmpty(key))
        {
            return "it is empty";
        }

        if (key.Length > MaxLength)
        {
            return $"it is longer than {MaxLength} characters";
        }

        if (key.AsSpan().ContainsAnyExcept(Allowed))
        {
            return "only letters, digits, '.', '_', '-' and '/' are allowed";
        }

        if (key[0] == '/')
        {
            return "it starts with '/'";
        }

        if (isPrefix && key[^1] != '/')
        {
            return "a prefix must end with '/'";
        }

        if (!isPrefix && key[^1] == '/')
        {
            return "it ends with '/'";
        }

        var segments = key.Split('/');
        var last = isPrefix ? segments.Length - 1 : segments.Length;
        for (var i = 0; i < last; i++)
        {
            if (segments[i] is "" or "." or "..")
            {
                return segments[i].Length == 0 ? "it has an empty segment ('//')" : $"it has a '{segments[i]}' segment";
            }
        }

        return null;
    }
}
