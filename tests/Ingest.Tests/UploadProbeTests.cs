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

    private async Task<IReadOnlyList<UploadedTrack>> UploadAsync(string name, byte[] content)
    {
        var options = Options.Create(new UploadOptions());
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
    }

    [Fact]
    public async Task A_zero_length_file_is_refused_as_empty()
    {
        var refusal = await Assert.ThrowsAsync<UploadRefusedException>(() => UploadAsync("zero.mp3", []));

        Assert.Equal(415, refusal.StatusCode);
        Assert.Contains("empty", refusal.Message);
    }

    [Fact]
    public async Task A_readable_wav_is_stored_and_announced()
    {
        var tracks = await UploadAsync("tone.wav", UploadOutboxTests.ToneWav());

        Assert.Equal("wav", Assert.Single(tracks).Format);
        Assert.Single(_broker.Published);
    }
}
