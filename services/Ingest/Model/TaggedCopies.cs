using System.Globalization;
using System.IO.Compression;
using System.Text;
using AudioPlatform.AudioTags;
using AudioPlatform.Storage;

namespace AudioPlatform.Ingest.Model;

/// <summary>
/// Copies of the user's originals with the analysis written into their own tags, made in temporary files (the stored
/// original never changes): one for a download, or many streamed into a zip one after another, so neither the zip nor
/// any file is ever held in memory.
/// </summary>
public sealed class TaggedCopies(IObjectStorage storage)
{
    /// <summary>The name of the zip entry that says, for each track, whether its tags were written and why not.</summary>
    public const string ManifestName = "export.csv";

    /// <summary>
    /// Copies the original into a new temporary file and writes the tags into it; the caller deletes the file.
    /// </summary>
    /// <exception cref="TagLib.CorruptFileException">The file's own tag structure could not be read.</exception>
    /// <exception cref="TagLib.UnsupportedFormatException">Tags cannot be written into this format.</exception>
    public async Task<string> CreateAsync(ObjectProperties properties, TrackTags values, CancellationToken cancellationToken)
    {
        var format = Format(properties);
        var copy = await CopyOriginalAsync(properties, cancellationToken);
        try
        {
            AnalysisTagWriter.Write(copy, format, values);
            return copy;
        }
        catch
        {
            File.Delete(copy);
            throw;
        }
    }

    /// <summary>The stored originals of <paramref name="trackIds"/> the user does not have (unknown, deleted or another user's).</summary>
    public async Task<IReadOnlyList<Guid>> MissingAsync(string userId, IReadOnlyList<Guid> trackIds, CancellationToken cancellationToken)
    {
        var missing = new List<Guid>();
        foreach (var trackId in trackIds)
        {
            if (!await storage.ExistsAsync(ObjectKey.ForAudio(userId, trackId), cancellationToken))
            {
                missing.Add(trackId);
            }
        }

        return missing;
    }

    /// <summary>
    /// Writes a zip of the tracks to <paramref name="output"/>, each under the name it was uploaded with (numbered where
    /// two are alike), tagged where its analysis has completed and the file's tags can be written, else as uploaded;
    /// <see cref="ManifestName"/> lists which is which and why. Entries are stored, not deflated: audio does not shrink.
    /// </summary>
    public async Task WriteZipAsync(string userId, IReadOnlyList<Guid> trackIds, Stream output, CancellationToken cancellationToken)
    {
        var body = new SmallSynchronousWritesDeferred(output);
        await using (var zip = await ZipArchive.CreateAsync(body, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: Encoding.UTF8, cancellationToken))
        {
            await WriteEntriesAsync(zip, userId, trackIds, cancellationToken);
        }

        await body.FlushAsync(cancellationToken);
    }

    private async Task WriteEntriesAsync(ZipArchive zip, string userId, IReadOnlyList<Guid> trackIds, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ManifestName };
        var manifest = new StringBuilder("fileName,trackId,tagged,note\r\n");
        foreach (var trackId in trackIds)
        {
            if (await storage.StatAsync(ObjectKey.ForAudio(userId, trackId), cancellationToken) is not { } properties)
            {
                // Deleted between the check and now.
                manifest.Append(CultureInfo.InvariantCulture, $",{trackId},no,deleted before it could be exported\r\n");
                continue;
            }

            // Made safe again although uploads already were: objects stored before that kept the name as sent.
            var name = UniqueName(names, UploadNames.FileName(properties.Metadata.GetValueOrDefault(UploadProcessor.FileNameMetadata) ?? $"{trackId}.{Format(properties)}"));
            var (path, note) = await TaggedOrOriginalAsync(userId, trackId, properties, cancellationToken);
            try
            {
                var entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
                await using var target = await entry.OpenAsync(cancellationToken);
                await using var source = File.OpenRead(path);
                await source.CopyToAsync(target, cancellationToken);
            }
            finally
            {
                File.Delete(path);
            }

            manifest.Append(CultureInfo.InvariantCulture, $"{Csv(name)},{trackId},{(note is null ? "yes" : "no")},{Csv(note ?? "")}\r\n");
        }

        var manifestEntry = zip.CreateEntry(ManifestName, CompressionLevel.Optimal);
        await using (var text = await manifestEntry.OpenAsync(cancellationToken))
        {
            await text.WriteAsync(Encoding.UTF8.GetBytes(manifest.ToString()), cancellationToken);
        }
    }

    /// <summary>A temporary file to put in the zip, and why it has no tags when it has none.</summary>
    private async Task<(string Path, string? Note)> TaggedOrOriginalAsync(
        string userId, Guid trackId, ObjectProperties properties, CancellationToken cancellationToken)
    {
        if (await FileTagValues.LoadAsync(storage, userId, trackId, cancellationToken) is not { } values)
        {
            return (await CopyOriginalAsync(properties, cancellationToken), "not analysed yet: the file as uploaded");
        }

        try
        {
            return (await CreateAsync(properties, values, cancellationToken), null);
        }
        catch (Exception exception) when (exception is TagLib.CorruptFileException or TagLib.UnsupportedFormatException)
        {
            return (await CopyOriginalAsync(properties, cancellationToken), "its own tag structure could not be read: the file as uploaded");
        }
    }

    private async Task<string> CopyOriginalAsync(ObjectProperties properties, CancellationToken cancellationToken)
    {
        var copy = Path.Combine(Path.GetTempPath(), $"audioplatform-tagged-{Guid.NewGuid():N}.{Format(properties)}");
        try
        {
            await using var original = await storage.GetAsync(properties.Key, cancellationToken);
            await using var file = File.Create(copy);
            await original.CopyToAsync(file, cancellationToken);
            return copy;
        }
        catch
        {
            File.Delete(copy);
            throw;
        }
    }

    private static string Format(ObjectProperties properties) => properties.Metadata.GetValueOrDefault("format") ?? "";

    private static string UniqueName(HashSet<string> taken, string name)
    {
        var stem = Path.GetFileNameWithoutExtension(name);
        var extension = Path.GetExtension(name);
        var unique = name;
        for (var n = 2; !taken.Add(unique); n++)
        {
            unique = $"{stem} ({n}){extension}";
        }

        return unique;
    }

    private static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>
    /// A response body refuses synchronous writes, but the zip writer makes a few when it closes an entry (its 16-byte
    /// data descriptor, a stream that cannot seek). Those few bytes wait here and go out with the next asynchronous write;
    /// the audio itself passes straight through.
    /// </summary>
    private sealed class SmallSynchronousWritesDeferred(Stream inner) : Stream
    {
        private readonly MemoryStream _pending = new();

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => _pending.Write(buffer, offset, count);

        public override void Write(ReadOnlySpan<byte> buffer) => _pending.Write(buffer);

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await SendPendingAsync(cancellationToken);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async Task FlushAsync(CancellationToken cancellationToken)
        {
            await SendPendingAsync(cancellationToken);
            await inner.FlushAsync(cancellationToken);
        }

        // Flush() is called by the zip writer's synchronous paths; the pending bytes leave with the next asynchronous call.
        public override void Flush() { }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        private async Task SendPendingAsync(CancellationToken cancellationToken)
        {
            if (_pending.Length == 0) return;
            await inner.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), cancellationToken);
            _pending.SetLength(0);
        }
    }
}
