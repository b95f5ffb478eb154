using System.Diagnostics;
using System.IO.Compression;
using AudioPlatform.AudioTags;
using AudioPlatform.Ingest.Model;
using AudioPlatform.Storage;

namespace AudioPlatform.Ingest.Tests;

/// <summary>
/// The bulk tagged export: real files (made by ffmpeg) in a real store on disk, zipped into a stream that cannot seek
/// (as a response body cannot), read back with the zip reader and TagLibSharp.
/// </summary>
public sealed class TaggedExportTests : IDisposable
{
    private const string UserId = "export-user";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("audioplatform-export-");
    private readonly LocalDiskObjectStorage _storage;
    private readonly TaggedCopies _copies;

    /// <summary>The largest write a streamed zip makes: a copy buffer (80 KiB) and a few header bytes.</summary>
    private const int LargestWrite = 128 * 1024;
    private long _largestWrite;

    public TaggedExportTests()
    {
        _storage = new LocalDiskObjectStorage(Path.Combine(_directory.FullName, "store"));
        _copies = new TaggedCopies(_storage);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task Analysed_tracks_are_tagged_an_unanalysed_one_goes_as_uploaded_and_the_manifest_says_which()
    {
        var analysed = await StoreAsync("set opener.mp3", "mp3", new TrackTags(124.2, "A minor", "8A", ["techno"], ["dark"]), seconds: 120);
        var flac = await StoreAsync("set opener.flac", "flac", new TrackTags(98, "C major", "8B", ["jazz"], []));
        var pending = await StoreAsync("../../etc/passwd.mp3", "mp3", tags: null);

        var zip = await ZipAsync([analysed.Id, flac.Id, pending.Id]);
        Assert.True(new FileInfo(analysed.Path).Length > 4 * LargestWrite, "the test's file is large enough to show it is streamed");
        Assert.True(_largestWrite <= LargestWrite, $"a write of {_largestWrite} bytes: the zip was held, not streamed");

        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        var names = archive.Entries.Select(entry => entry.FullName).ToList();
        Assert.Equal(4, names.Count);
        Assert.Contains("set opener.mp3", names);
        Assert.Contains("set opener.flac", names);
        Assert.Contains(TaggedCopies.ManifestName, names);
        var hostile = Assert.Single(names, name => name.EndsWith("passwd.mp3", StringComparison.Ordinal));
        Assert.DoesNotContain("/", hostile);
        Assert.DoesNotContain("..", hostile);

        var mp3 = await ExtractAsync(archive, "set opener.mp3");
        using (var tagged = TagLib.File.Create(mp3))
        {
            Assert.Equal(124u, tagged.Tag.BeatsPerMinute);
            Assert.Equal(["techno"], tagged.Tag.Genres);
        }

        Assert.Equal(DecodedAudioHash(analysed.Path), DecodedAudioHash(mp3));
        using (var tagged = TagLib.File.Create(await ExtractAsync(archive, "set opener.flac")))
        {
            Assert.Equal(98u, tagged.Tag.BeatsPerMinute);
        }

        var untouched = await ExtractAsync(archive, hostile);
        Assert.Equal(await File.ReadAllBytesAsync(pending.Path), await File.ReadAllBytesAsync(untouched));

        var manifest = (await new StreamReader(archive.GetEntry(TaggedCopies.ManifestName)!.Open()).ReadToEndAsync())
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("fileName,trackId,tagged,note", manifest[0]);
        Assert.Contains(manifest, line => line.StartsWith($"set opener.mp3,{analysed.Id},yes,", StringComparison.Ordinal));
        Assert.Contains(manifest, line => line.Contains($"{pending.Id},no,not analysed yet", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_files_uploaded_under_one_name_are_both_kept_under_numbered_names()
    {
        var first = await StoreAsync("loop.mp3", "mp3", tags: null);
        var second = await StoreAsync("LOOP.mp3", "mp3", tags: null);

        using var archive = new ZipArchive(new MemoryStream(await ZipAsync([first.Id, second.Id])), ZipArchiveMode.Read);

        Assert.Equal(["loop.mp3", "LOOP (2).mp3", TaggedCopies.ManifestName], archive.Entries.Select(entry => entry.FullName));
    }

    [Fact]
    public async Task Ids_of_another_users_tracks_or_of_none_are_reported_missing()
    {
        var mine = await StoreAsync("mine.mp3", "mp3", tags: null);
        var unknown = Guid.NewGuid();

        Assert.Equal([unknown], await _copies.MissingAsync(UserId, [mine.Id, unknown], CancellationToken.None));
        Assert.Equal([mine.Id], await _copies.MissingAsync("someone-else", [mine.Id], CancellationToken.None));
    }

    private async Task<byte[]> ZipAsync(IReadOnlyList<Guid> trackIds)
    {
        using var body = new ForwardOnlyStream();
        await _copies.WriteZipAsync(UserId, trackIds, body, CancellationToken.None);
        _largestWrite = body.LargestWrite;
        return body.Written.ToArray();
    }

    private async Task<(Guid Id, string Path)> StoreAsync(string fileName, string format, TrackTags? tags, int seconds = 2)
    {
        var trackId = Guid.NewGuid();
        var path = Path.Combine(_directory.FullName, $"{trackId:N}.{format}");
        Run("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", $"sine=frequency=330:duration={seconds}", "-y", path]);
        await using (var content = File.OpenRead(path))
        {
            await _storage.PutAsync(ObjectKey.ForAudio(UserId, trackId), content, new ObjectWrite("audio/mpeg", content.Length,
                new Dictionary<string, string> { ["format"] = format, [UploadProcessor.FileNameMetadata] = fileName }));
        }

        if (tags is not null)
        {
            await FileTagValues.SaveAsync(_storage, UserId, trackId, tags, CancellationToken.None);
        }

        return (trackId, path);
    }

    private async Task<string> ExtractAsync(ZipArchive archive, string name)
    {
        var path = Path.Combine(_directory.FullName, $"extracted-{Guid.NewGuid():N}{Path.GetExtension(name)}");
        await using var source = archive.GetEntry(name)!.Open();
        await using var target = File.Create(path);
        await source.CopyToAsync(target);
        return path;
    }

    private static string DecodedAudioHash(string path) => Run("ffmpeg", ["-v", "error", "-i", path, "-map", "0:a", "-f", "md5", "-"]).Trim();

    private static string Run(string command, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{command} failed: {error}");
        return output;
    }

    /// <summary>A response body's shape: written forwards only, no seeking, no length, no synchronous writes.</summary>
    private sealed class ForwardOnlyStream : Stream
    {
        public MemoryStream Written { get; } = new();

        public long LargestWrite { get; private set; }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous writes are not allowed, as in Kestrel.");

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Written.Write(buffer.Span);
            LargestWrite = Math.Max(LargestWrite, buffer.Length);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
