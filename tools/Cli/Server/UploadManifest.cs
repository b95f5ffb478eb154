using System.Security.Cryptography;

namespace AudioPlatform.Cli.Server;

/// <summary>One file this tool uploaded: its content's SHA-256 and the track the server made of it.</summary>
internal sealed record UploadedFile(Guid TrackId, string File, DateTimeOffset UploadedAt);

/// <summary>
/// What makes <c>upload</c> resumable: per server, the SHA-256 of every file's content mapped to the track it became
/// (<c>uploads.json</c> in the config folder, written after each file). A file whose hash is listed is skipped as long
/// as the server still has the track; the library keeps no content hash, so the list is the tool's own.
/// </summary>
internal sealed class UploadManifest(ConfigDirectory directory)
{
    public const string FileName = "uploads.json";

    private readonly Dictionary<string, Dictionary<string, UploadedFile>> _servers =
        directory.Read<Dictionary<string, Dictionary<string, UploadedFile>>>(FileName) ?? new(StringComparer.Ordinal);

    public UploadedFile? Find(string server, string sha256) =>
        _servers.TryGetValue(server, out var files) && files.TryGetValue(sha256, out var file) ? file : null;

    public void Record(string server, string sha256, UploadedFile file)
    {
        if (!_servers.TryGetValue(server, out var files))
            _servers[server] = files = new Dictionary<string, UploadedFile>(StringComparer.Ordinal);
        files[sha256] = file;
        directory.Write(FileName, _servers);
    }

    public void Forget(string server, string sha256)
    {
        if (_servers.TryGetValue(server, out var files) && files.Remove(sha256))
            directory.Write(FileName, _servers);
    }

    public static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }
}
