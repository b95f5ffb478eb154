using System.Security.Cryptography;
using System.Text;

namespace AudioPlatform.Storage.Tests;

/// <summary>
/// What every <see cref="IObjectStorage"/> must do, run once per implementation by the classes deriving from it.
/// Each test uses keys of its own, so one store can serve every test of a class.
/// </summary>
public abstract class ObjectStorageContract
{
    private const int MiB = 1024 * 1024;

    /// <summary>The store under test; a derived class skips before returning it when its backend is missing.</summary>
    protected abstract IObjectStorage Storage { get; }

    /// <summary>A store on the same backend whose secret is wrong, or null when the backend has no credentials.</summary>
    protected abstract IObjectStorage? StorageWithWrongSecret { get; }

    private static string NewKey(string name = "audio") => $"audio/contract-user/{Guid.NewGuid():D}/{name}";

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }

    private async Task<byte[]> ReadAllAsync(Stream stream)
    {
        await using (stream)
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            return copy.ToArray();
        }
    }

    [SkippableFact]
    public async Task A_20_MiB_object_round_trips_byte_for_byte()
    {
        var storage = Storage;
        var key = NewKey();
        var body = RandomBytes(20 * MiB);

        var stored = await storage.PutAsync(key, new MemoryStream(body), new ObjectWrite("audio/mpeg", body.Length));
        var read = await ReadAllAsync(await storage.GetAsync(key));

        Assert.Equal(body.Length, stored.Size);
        Assert.Equal(SHA256.HashData(body), SHA256.HashData(read));
    }

    [SkippableFact]
    public async Task A_streamed_put_of_unknown_length_stores_every_byte()
    {
        var storage = Storage;
        var key = NewKey();
        var body = RandomBytes(12 * MiB + 12345);

        var stored = await storage.PutAsync(key, new NonSeekableStream(body), new ObjectWrite("audio/flac"));
        var stat = await storage.StatAsync(key);
        var read = await ReadAllAsync(await storage.GetAsync(key));

        Assert.Equal(body.Length, stored.Size);
        Assert.Equal(body.Length, stat!.Size);
        Assert.Equal(SHA256.HashData(body), SHA256.HashData(read));
    }

    [SkippableFact]
    public async Task A_small_body_of_unknown_length_round_trips()
    {
        var storage = Storage;
        var key = NewKey("waveform.json");
        var body = Encoding.UTF8.GetBytes("{\"peaks\":[0.1,0.5,0.9]}");

        await storage.PutAsync(key, new NonSeekableStream(body), new ObjectWrite("application/json"));

        Assert.Equal(body, await ReadAllAsync(await storage.GetAsync(key)));
    }

    [SkippableFact]
    public async Task An_empty_object_round_trips()
    {
        var storage = Storage;
        var key = NewKey();

        await storage.PutAsync(key, new MemoryStream(), new ObjectWrite(Length: 0));

        Assert.Equal(0, (await storage.StatAsync(key))!.Size);
        Assert.Empty(await ReadAllAsync(await storage.GetAsync(key)));
    }

    [SkippableTheory]
    [InlineData(0, 1)]
    [InlineData(1000, 4096)]
    [InlineData(6 * MiB - 10, 20)]
    public async Task A_ranged_read_returns_exactly_the_requested_bytes(int offset, int length)
    {
        var storage = Storage;
        var key = NewKey();
        var body = RandomBytes(7 * MiB);
        await storage.PutAsync(key, new MemoryStream(body), new ObjectWrite("audio/wav", body.Length));

        var read = await ReadAllAsync(await storage.GetRangeAsync(key, offset, length));

        Assert.Equal(body.AsSpan(offset, length).ToArray(), read);
    }

    [SkippableFact]
    public async Task A_range_past_the_end_is_cut_at_the_last_byte()
    {
        var storage = Storage;
        var key = NewKey();
        var body = RandomBytes(10_000);
        await storage.PutAsync(key, new MemoryStream(body), new ObjectWrite(Length: body.Length));

        var read = await ReadAllAsync(await storage.GetRangeAsync(key, 9_000, 5_000));

        Assert.Equal(body.AsSpan(9_000).ToArray(), read);
    }

    [SkippableFact]
    public async Task A_range_starting_after_the_last_byte_is_not_satisfiable()
    {
        var storage = Storage;
        var key = NewKey();
        await storage.PutAsync(key, new MemoryStream(RandomBytes(100)), new ObjectWrite(Length: 100));

        await Assert.ThrowsAsync<ObjectRangeNotSatisfiableException>(() => storage.GetRangeAsync(key, 100, 10));
    }

    [SkippableFact]
    public async Task Content_type_metadata_size_and_etag_round_trip_through_stat()
    {
        var storage = Storage;
        var key = NewKey();
        var metadata = new Dictionary<string, string>
        {
            ["original-name"] = "Café del Mar – naïve 🎵.mp3",
            ["user-id"] = "user-42",
            ["format"] = "mp3",
        };

        var stored = await storage.PutAsync(key, new MemoryStream(RandomBytes(1234)), new ObjectWrite("audio/mpeg", 1234, metadata));
        var stat = await storage.StatAsync(key);

        Assert.NotNull(stat);
        Assert.Equal(1234, stat.Size);
        Assert.Equal("audio/mpeg", stat.ContentType);
        Assert.Equal(metadata.OrderBy(pair => pair.Key), stat.Metadata.OrderBy(pair => pair.Key));
        Assert.False(string.IsNullOrEmpty(stat.ETag));
        Assert.Equal(stored.ETag, stat.ETag);
    }

    [SkippableFact]
    public async Task The_same_bytes_get_the_same_etag_and_other_bytes_another()
    {
        var storage = Storage;
        var bytes = RandomBytes(70_000);
        var changed = bytes.ToArray();
        changed[^1] ^= 1;

        var first = await storage.PutAsync(NewKey(), new MemoryStream(bytes), new ObjectWrite("audio/wav", bytes.Length));
        var sameBytes = await storage.PutAsync(NewKey(), new MemoryStream(bytes), new ObjectWrite("audio/mpeg", bytes.Length));
        var oneBitOff = await storage.PutAsync(NewKey(), new MemoryStream(changed), new ObjectWrite("audio/wav", changed.Length));

        // What a stream's ETag (If-None-Match) relies on: the same bytes answer the same tag, other bytes another. (Written
        // the same way: S3 tags a multipart upload, as a body of unknown length is sent, differently.)
        Assert.Equal(first.ETag, sameBytes.ETag);
        Assert.NotEqual(first.ETag, oneBitOff.ETag);
    }

    [SkippableFact]
    public async Task A_second_put_replaces_the_object()
    {
        var storage = Storage;
        var key = NewKey();
        await storage.PutAsync(key, new MemoryStream(RandomBytes(5000)), new ObjectWrite(Length: 5000));
        var replacement = Encoding.UTF8.GetBytes("replacement");

        await storage.PutAsync(key, new MemoryStream(replacement), new ObjectWrite("text/plain", replacement.Length));

        Assert.Equal(replacement, await ReadAllAsync(await storage.GetAsync(key)));
        Assert.Equal("text/plain", (await storage.StatAsync(key))!.ContentType);
    }

    [SkippableFact]
    public async Task A_put_that_fails_midway_leaves_the_previous_object_untouched()
    {
        var storage = Storage;
        var key = NewKey();
        var original = RandomBytes(3000);
        await storage.PutAsync(key, new MemoryStream(original), new ObjectWrite(Length: original.Length));

        await Assert.ThrowsAnyAsync<IOException>(() =>
            storage.PutAsync(key, new FailingStream(RandomBytes(6 * MiB + 100)), new ObjectWrite()));

        Assert.Equal(original, await ReadAllAsync(await storage.GetAsync(key)));
    }

    [SkippableFact]
    public async Task A_put_that_fails_midway_leaves_no_object()
    {
        var storage = Storage;
        var key = NewKey();

        await Assert.ThrowsAnyAsync<IOException>(() =>
            storage.PutAsync(key, new FailingStream(RandomBytes(6 * MiB + 100)), new ObjectWrite()));

        Assert.False(await storage.ExistsAsync(key));
    }

    /// <summary>What an upload does: bytes in pieces, read back from the draft's file, then committed under a key.</summary>
    [SkippableFact]
    public async Task A_committed_draft_is_the_object_byte_for_byte_with_its_metadata_and_leaves_no_file()
    {
        var storage = Storage;
        var key = NewKey();
        var bytes = RandomBytes(9 * MiB + 77); // past S3's 5 MiB part size, not a whole number of pieces
        var metadata = new Dictionary<string, string> { ["file-name"] = "Café – take 2.wav", ["format"] = "wav" };

        string draftPath;
        ObjectProperties committed;
        await using (var draft = storage.CreateDraft())
        {
            draftPath = draft.Path;
            for (var offset = 0; offset < bytes.Length; offset += 81920)
            {
                await draft.WriteAsync(bytes.AsMemory(offset, Math.Min(81920, bytes.Length - offset)));
            }

            await draft.CompleteAsync();
            Assert.Equal(bytes.Length, draft.Length);
            Assert.Equal(bytes, await File.ReadAllBytesAsync(draft.Path));
            committed = await draft.CommitAsync(key, new ObjectWrite("audio/wav", bytes.Length, metadata));
            await Assert.ThrowsAsync<InvalidOperationException>(() => draft.CommitAsync(NewKey(), new ObjectWrite()));
        }

        Assert.Equal(bytes, await ReadAllAsync(await storage.GetAsync(key)));
        var stat = await storage.StatAsync(key);
        Assert.NotNull(stat);
        Assert.Equal(bytes.Length, stat.Size);
        Assert.Equal("audio/wav", stat.ContentType);
        Assert.Equal(metadata.OrderBy(pair => pair.Key), stat.Metadata.OrderBy(pair => pair.Key));
        Assert.Equal(committed.ETag, stat.ETag);
        Assert.False(File.Exists(draftPath));
    }

    [SkippableFact]
    public async Task A_draft_committed_and_a_put_of_the_same_bytes_get_the_same_etag()
    {
        var storage = Storage;
        var bytes = RandomBytes(300_000);
        var put = await storage.PutAsync(NewKey(), new MemoryStream(bytes), new ObjectWrite("audio/mpeg", bytes.Length));

        await using var draft = storage.CreateDraft();
        await draft.WriteAsync(bytes);
        var committed = await draft.CommitAsync(NewKey(), new ObjectWrite("audio/mpeg", bytes.Length));

        Assert.Equal(put.ETag, committed.ETag);
    }

    [SkippableFact]
    public async Task A_draft_dropped_without_a_commit_stores_nothing_and_leaves_no_file()
    {
        var storage = Storage;
        var key = NewKey();
        string draftPath;
        await using (var draft = storage.CreateDraft())
        {
            draftPath = draft.Path;
            await draft.WriteAsync(RandomBytes(5000));
        }

        Assert.False(File.Exists(draftPath));
        Assert.False(await storage.ExistsAsync(key));
    }

    [SkippableFact]
    public async Task A_draft_whose_length_is_not_the_announced_one_is_refused_and_stores_nothing()
    {
        var storage = Storage;
        var key = NewKey();
        await using var draft = storage.CreateDraft();
        await draft.WriteAsync(RandomBytes(1000));

        await Assert.ThrowsAsync<InvalidDataException>(() => draft.CommitAsync(key, new ObjectWrite(Length: 999)));

        Assert.False(await storage.ExistsAsync(key));
    }

    [SkippableFact]
    public async Task A_missing_object_is_not_found_on_read_and_null_on_stat()
    {
        var storage = Storage;
        var key = NewKey();

        await Assert.ThrowsAsync<StoredObjectNotFoundException>(() => storage.GetAsync(key));
        await Assert.ThrowsAsync<StoredObjectNotFoundException>(() => storage.GetRangeAsync(key, 0, 10));
        Assert.Null(await storage.StatAsync(key));
        Assert.False(await storage.ExistsAsync(key));
    }

    [SkippableFact]
    public async Task Delete_removes_the_object_and_is_idempotent()
    {
        var storage = Storage;
        var key = NewKey();
        await storage.PutAsync(key, new MemoryStream(RandomBytes(10)), new ObjectWrite(Length: 10));
        Assert.True(await storage.ExistsAsync(key));

        await storage.DeleteAsync(key);
        await storage.DeleteAsync(key);

        Assert.False(await storage.ExistsAsync(key));
    }

    [SkippableFact]
    public async Task Listing_a_prefix_answers_the_keys_under_it_in_order_and_nothing_beside_it()
    {
        var storage = Storage;
        var prefix = $"outbox/contract-{Guid.NewGuid():N}/";
        var under = new[] { prefix + "b.json", prefix + "a.json", prefix + "nested/c.json" };
        foreach (var key in under.Append(prefix.TrimEnd('/') + "0/beside.json"))
        {
            await storage.PutAsync(key, new MemoryStream(RandomBytes(10)), new ObjectWrite(Length: 10));
        }

        var listed = await storage.ListKeysAsync(prefix);

        Assert.Equal(under.Order(StringComparer.Ordinal), listed);
        Assert.Empty(await storage.ListKeysAsync($"outbox/contract-{Guid.NewGuid():N}/"));
    }

    [SkippableFact]
    public async Task Delete_by_prefix_removes_only_the_objects_under_it()
    {
        var storage = Storage;
        var trackId = Guid.NewGuid();
        var prefix = ObjectKey.DerivedPrefix("contract-user", trackId);
        var neighbour = $"derived/contract-user/{trackId:D}0/waveform.json";
        var audio = ObjectKey.ForAudio("contract-user", trackId);
        foreach (var key in new[] { prefix + "waveform.json", prefix + "spectrogram/full.png", neighbour, audio })
        {
            await storage.PutAsync(key, new MemoryStream(RandomBytes(10)), new ObjectWrite(Length: 10));
        }

        var removed = await storage.DeleteByPrefixAsync(prefix);

        Assert.Equal(2, removed);
        Assert.False(await storage.ExistsAsync(prefix + "waveform.json"));
        Assert.False(await storage.ExistsAsync(prefix + "spectrogram/full.png"));
        Assert.True(await storage.ExistsAsync(neighbour));
        Assert.True(await storage.ExistsAsync(audio));
        Assert.Equal(0, await storage.DeleteByPrefixAsync(prefix));
    }

    [SkippableTheory]
    [InlineData("../etc/passwd")]
    [InlineData("/audio/u/t")]
    [InlineData("audio/../../t")]
    [InlineData("audio/./t")]
    [InlineData("audio//t")]
    [InlineData("audio/u/")]
    [InlineData("audio/u t")]
    [InlineData("audio\\u\\t")]
    [InlineData("audio/ü")]
    [InlineData("")]
    public async Task Invalid_keys_are_refused_before_reaching_the_backend(string key)
    {
        var storage = Storage;

        await Assert.ThrowsAsync<InvalidObjectKeyException>(() => storage.PutAsync(key, new MemoryStream([1]), new ObjectWrite()));
        await Assert.ThrowsAsync<InvalidObjectKeyException>(() => storage.GetAsync(key));
        await Assert.ThrowsAsync<InvalidObjectKeyException>(() => storage.GetRangeAsync(key, 0, 1));
        await Assert.ThrowsAsync<InvalidObjectKeyException>(() => storage.StatAsync(key));
        await Assert.ThrowsAsync<InvalidObjectKeyException>(() => storage.ExistsAsync(key));
        await Assert.ThrowsAsync<InvalidObjectKeyException>(() => storage.DeleteAsync(key));
    }

    [SkippableTheory]
    [InlineData("derived/abc")]
    [InlineData("../derived/")]
    [InlineData("/")]
    public async Task Prefixes_that_do_not_end_at_a_segment_or_escape_are_refused(string prefix)
    {
        var storage = Storage;

        await Assert.ThrowsAsync<InvalidObjectKeyException>(() => storage.DeleteByPrefixAsync(prefix));
    }

    [SkippableFact]
    public async Task Metadata_names_outside_lower_case_letters_digits_and_dashes_are_refused()
    {
        var storage = Storage;

        await Assert.ThrowsAsync<ArgumentException>(() => storage.PutAsync(NewKey(), new MemoryStream([1]),
            new ObjectWrite(Metadata: new Dictionary<string, string> { ["Original Name"] = "x" })));
    }

    [SkippableFact]
    public async Task A_wrong_secret_key_is_refused_on_write_and_read()
    {
        var storage = Storage;
        var key = NewKey();
        await storage.PutAsync(key, new MemoryStream(RandomBytes(10)), new ObjectWrite(Length: 10));
        var intruder = StorageWithWrongSecret;
        Skip.If(intruder is null, "This backend has no credentials to get wrong (local disk is guarded by file permissions).");

        await Assert.ThrowsAsync<ObjectStorageAccessDeniedException>(() =>
            intruder.PutAsync(NewKey(), new MemoryStream(RandomBytes(10)), new ObjectWrite(Length: 10)));
        await Assert.ThrowsAsync<ObjectStorageAccessDeniedException>(() => intruder.GetAsync(key));
    }

    /// <summary>A body whose length cannot be known in advance, like a request being streamed.</summary>
    private sealed class NonSeekableStream(byte[] body) : MemoryStream(body, writable: false)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }
    }

    /// <summary>A client that disconnects after sending more than one 5 MiB part.</summary>
    private sealed class FailingStream(byte[] body) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = Math.Min(buffer.Length, body.Length - _position);
            if (count == 0)
            {
                throw new IOException("The client disconnected.");
            }

            body.AsSpan(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
