using System.Buffers.Binary;
using AudioPlatform.Engine.Decoding;
using AudioPlatform.Ingest.Infrastructure;
using AudioPlatform.Ingest.Model;
using AudioPlatform.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AudioPlatform.Ingest.Tests;

/// <summary>
/// An upload is checked by reading its headers in process (no ffprobe): what cannot be audio is refused with 415 and the
/// reason in words, nothing is stored or announced; a good file goes through with its tags.
/// </summary>
public sealed class UploadProbeTests : IDisposable
{
    private const string UserId = "probe-user";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("audioplatform-probe-");
    private readonly LocalDiskObjectStorage _storage;
    private readonly UploadOutboxTests.RecordingPublisher _broker = UploadOutboxTests.RecordingPublisher.Create(fails: false);

    public UploadProbeTests() => _storage = new LocalDiskObjectStorage(_directory.FullName);

    public void Dispose() => _directory.Delete(recursive: true);

    private async Task<IReadOnlyList<UploadedTrack>> UploadAsync(string name, byte[] content, long maxFileBytes = UploadOptions.DefaultMaxFileBytes)
    {
        var options = Options.Create(new UploadOptions { MaxFileBytes = maxFileBytes });
        using var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", name } };
        await using var body = await form.ReadAsStreamAsync();
        var outbox = new UploadOutbox(_storage, options, TimeProvider.System, NullLogger<UploadOutbox>.Instance);
        var processor = new UploadProcessor(_storage, _broker.Endpoint, outbox, options, NullLogger<UploadProcessor>.Instance);
        return await processor.ProcessAsync(UserId, form.Headers.ContentType!.ToString(), body, CancellationToken.None);
    }

    public static TheoryData<string, byte[], AudioDecodeError> Refused => new()
    {
        { "cut.wav", UploadOutboxTests.ToneWav()[..1000], AudioDecodeError.Truncated },
        { "fake.mp3", [.. "ID3"u8, 3, 0, 0, 0, 0, 0, 0, .. Enumerable.Repeat((byte)0x5A, 4000)], AudioDecodeError.NotAudio },
        { "nothing.wav", [.. UploadOutboxTests.ToneWav()[..40], 0, 0, 0, 0], AudioDecodeError.EmptyFile },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_file_the_probe_refuses_is_415_in_words_and_nothing_is_kept(string name, byte[] content, AudioDecodeError reason)
    {
        var refusal = await Assert.ThrowsAsync<UploadRefusedException>(() => UploadAsync(name, content));

        Assert.Equal(415, refusal.StatusCode);
        Assert.Equal($"'{name}': {DecodeFailureMessages.ForUser(reason)}", refusal.Message);
        Assert.Empty(await _storage.ListKeysAsync("audio/"));
        Assert.Empty(_broker.Published);
        Assert.Empty(DraftsLeft());
    }

    [Fact]
    public async Task A_zero_length_file_is_refused_as_empty()
    {
        var refusal = await Assert.ThrowsAsync<UploadRefusedException>(() => UploadAsync("zero.mp3", []));

        Assert.Equal(415, refusal.StatusCode);
        Assert.Contains("empty", refusal.Message);
    }

    public static TheoryData<string, byte[], string> Accepted => new()
    {
        { "streamed.wav", StreamedWav(), "wav" },
        { "broadcast.wav", Rf64(), "wav" },
        { "logic.aifc", AiffCompressedLittleEndian(), "aiff" },
    };

    /// <summary>What TagLib could not read (the header probe refused it as not audio before it read these itself).</summary>
    [Theory]
    [MemberData(nameof(Accepted))]
    public async Task A_streamed_wav_an_rf64_and_an_aiff_c_are_stored_and_announced(string name, byte[] content, string format)
    {
        var tracks = await UploadAsync(name, content);

        Assert.Equal(format, Assert.Single(tracks).Format);
        Assert.Single(_broker.Published);
        // The upload's draft became the object (renamed in the store's own folder): the bytes as sent, no copy left over.
        await using var stored = await _storage.GetAsync(ObjectKey.ForAudio(UserId, tracks[0].Id));
        using var bytes = new MemoryStream();
        await stored.CopyToAsync(bytes);
        Assert.Equal(content, bytes.ToArray());
        Assert.Empty(DraftsLeft());
    }

    /// <summary>Uploads in progress live in the local store's <c>tmp/</c> folder.</summary>
    private IEnumerable<string> DraftsLeft() => Directory.EnumerateFiles(Path.Combine(_directory.FullName, "tmp"));

    /// <summary>A mono 16-bit WAV of <paramref name="samples"/> samples of noise at 44.1 kHz (no two reads alike).</summary>
    private static byte[] NoiseWav(int samples)
    {
        var wav = UploadOutboxTests.MonoWav(44100, samples);
        new Random(7).NextBytes(wav.AsSpan(44));
        return wav;
    }

    /// <summary>The tone as a recorder that streams writes it: both lengths left at the placeholder.</summary>
    private static byte[] StreamedWav()
    {
        var wav = UploadOutboxTests.ToneWav();
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(4), 0xFFFFFFFF);
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(40), 0xFFFFFFFF);
        return wav;
    }

    /// <summary>The tone as RF64 (broadcast WAV over 4 GiB): the lengths in a ds64 chunk.</summary>
    private static byte[] Rf64()
    {
        var wav = UploadOutboxTests.ToneWav();
        var samples = wav.AsSpan(44);
        var ds64 = new byte[8 + 28];
        "ds64"u8.CopyTo(ds64);
        BinaryPrimitives.WriteInt32LittleEndian(ds64.AsSpan(4), 28);
        BinaryPrimitives.WriteInt64LittleEndian(ds64.AsSpan(8), 4 + ds64.Length + 24 + 8 + samples.Length);
        BinaryPrimitives.WriteInt64LittleEndian(ds64.AsSpan(16), samples.Length);
        BinaryPrimitives.WriteInt64LittleEndian(ds64.AsSpan(24), samples.Length / 2);
        byte[] rf64 = [.. "RF64"u8, 0xFF, 0xFF, 0xFF, 0xFF, .. "WAVE"u8, .. ds64, .. wav.AsSpan(12, 24), .. "data"u8, 0xFF, 0xFF, 0xFF, 0xFF, .. samples];
        return rf64;
    }

    /// <summary>The tone as AIFF-C with little-endian samples ('sowt'), as Logic and GarageBand write it.</summary>
    private static byte[] AiffCompressedLittleEndian()
    {
        var samples = UploadOutboxTests.ToneWav().AsSpan(44).ToArray();
        var comm = new byte[8 + 24];
        "COMM"u8.CopyTo(comm);
        BinaryPrimitives.WriteInt32BigEndian(comm.AsSpan(4), 24);
        BinaryPrimitives.WriteInt16BigEndian(comm.AsSpan(8), 1);
        BinaryPrimitives.WriteInt32BigEndian(comm.AsSpan(10), samples.Length / 2);
        BinaryPrimitives.WriteInt16BigEndian(comm.AsSpan(14), 16);
        // 8000 Hz as an 80-bit extended float: exponent 16383 + 12, mantissa 8000 << 51.
        BinaryPrimitives.WriteUInt16BigEndian(comm.AsSpan(16), 16383 + 12);
        BinaryPrimitives.WriteUInt64BigEndian(comm.AsSpan(18), 8000UL << 51);
        "sowt"u8.CopyTo(comm.AsSpan(26));
        var ssnd = new byte[8 + 8 + samples.Length];
        "SSND"u8.CopyTo(ssnd);
        BinaryPrimitives.WriteInt32BigEndian(ssnd.AsSpan(4), 8 + samples.Length);
        samples.CopyTo(ssnd.AsSpan(16));
        byte[] fver = [.. "FVER"u8, 0, 0, 0, 4, 0xA2, 0x80, 0x51, 0x40];
        var body = fver.Length + comm.Length + ssnd.Length;
        byte[] aifc = [.. "FORM"u8, (byte)((4 + body) >> 24), (byte)((4 + body) >> 16), (byte)((4 + body) >> 8), (byte)(4 + body), .. "AIFC"u8, .. fver, .. comm, .. ssnd];
        return aifc;
    }

    [Fact]
    public async Task The_size_limit_holds_to_the_byte_over_many_reads_and_what_it_keeps_is_the_file_byte_for_byte()
    {
        // Three seconds of 44.1 kHz noise: about 265 KB, several reads of the processor's buffer.
        var wav = NoiseWav(44100 * 3);

        var refusal = await Assert.ThrowsAsync<UploadRefusedException>(() => UploadAsync("long.wav", wav, maxFileBytes: wav.Length - 1));
        Assert.Equal(413, refusal.StatusCode);
        Assert.Empty(await _storage.ListKeysAsync("audio/"));
        Assert.Empty(DraftsLeft());

        var track = Assert.Single(await UploadAsync("long.wav", wav, maxFileBytes: wav.Length));
        Assert.Equal(wav.Length, track.SizeBytes);
        await using var stored = await _storage.GetAsync(ObjectKey.ForAudio(UserId, track.Id));
        using var copy = new MemoryStream();
        await stored.CopyToAsync(copy);
        Assert.Equal(wav, copy.ToArray());
        Assert.Empty(DraftsLeft());
    }

    [Fact]
    public async Task A_readable_wav_is_stored_and_announced()
    {
        var tracks = await UploadAsync("tone.wav", UploadOutboxTests.ToneWav());

        Assert.Equal("wav", Assert.Single(tracks).Format);
        Assert.Single(_broker.Published);
    }
}
