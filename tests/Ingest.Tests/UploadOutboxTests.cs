using System.Buffers.Binary;
using System.Reflection;
using AudioPlatform.Contracts;
using AudioPlatform.Ingest.Infrastructure;
using AudioPlatform.Ingest.Model;
using AudioPlatform.Storage;
using MassTransit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AudioPlatform.Ingest.Tests;

/// <summary>
/// Stored audio and its <see cref="TrackUploaded"/> agree: an announcement that fails after the audio is stored stays in
/// Ingest's outbox and is delivered by the dispatcher; nothing is announced whose audio was never stored.
/// </summary>
public sealed class UploadOutboxTests : IDisposable
{
    private const string UserId = "outbox-user";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("audioplatform-outbox-");
    private readonly LocalDiskObjectStorage _storage;
    private readonly IOptions<UploadOptions> _options = Options.Create(new UploadOptions { AnnounceTimeout = TimeSpan.FromSeconds(2) });

    public UploadOutboxTests() => _storage = new LocalDiskObjectStorage(_directory.FullName);

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task A_publish_that_fails_after_the_audio_is_stored_is_retried_by_the_outbox_and_delivered_once()
    {
        var broken = RecordingPublisher.Create(fails: true);
        var track = Assert.Single(await UploadAsync(broken.Endpoint));

        var key = ObjectKey.ForAudio(UserId, track.Id);
        Assert.True(await _storage.ExistsAsync(key), "the upload was accepted, so its audio is kept");
        Assert.Equal([UploadOutbox.KeyOf(track.Id)], await _storage.ListKeysAsync(UploadOutbox.Prefix));

        var broker = RecordingPublisher.Create(fails: false);
        Assert.Equal(0, await Outbox(TimeSpan.Zero).DispatchAsync(broker.Endpoint, CancellationToken.None));
        Assert.Empty(broker.Published);

        Assert.Equal(1, await Outbox(TimeSpan.FromMinutes(1)).DispatchAsync(broker.Endpoint, CancellationToken.None));
        var announced = Assert.IsType<TrackUploaded>(Assert.Single(broker.Published));
        Assert.Equal((track.Id, key, UserId, track.FileName, track.SizeBytes), (announced.TrackId, announced.ObjectKey, announced.UserId, announced.FileName, announced.SizeBytes));
        Assert.Empty(await _storage.ListKeysAsync(UploadOutbox.Prefix));

        Assert.Equal(0, await Outbox(TimeSpan.FromMinutes(2)).DispatchAsync(broker.Endpoint, CancellationToken.None));
        Assert.Single(broker.Published);
    }

    [Fact]
    public async Task An_upload_announced_at_once_leaves_nothing_in_the_outbox()
    {
        var broker = RecordingPublisher.Create(fails: false);

        var track = Assert.Single(await UploadAsync(broker.Endpoint));

        Assert.Equal(track.Id, Assert.IsType<TrackUploaded>(Assert.Single(broker.Published)).TrackId);
        Assert.Empty(await _storage.ListKeysAsync(UploadOutbox.Prefix));
        Assert.Equal(0, await Outbox(TimeSpan.FromMinutes(1)).DispatchAsync(broker.Endpoint, CancellationToken.None));
    }

    [Fact]
    public async Task An_entry_whose_audio_was_never_stored_is_never_announced_and_dropped_once_abandoned()
    {
        var trackId = Guid.CreateVersion7();
        await Outbox(TimeSpan.Zero).AddAsync(new TrackUploaded(trackId, ObjectKey.ForAudio(UserId, trackId), "lost.wav", "wav", 10, "lost", null)
        {
            UserId = UserId,
            CorrelationId = trackId,
        }, CancellationToken.None);
        var broker = RecordingPublisher.Create(fails: false);

        Assert.Equal(0, await Outbox(TimeSpan.FromMinutes(1)).DispatchAsync(broker.Endpoint, CancellationToken.None));
        Assert.Single(await _storage.ListKeysAsync(UploadOutbox.Prefix));

        Assert.Equal(0, await Outbox(_options.Value.OutboxAbandonAfter + TimeSpan.FromMinutes(1)).DispatchAsync(broker.Endpoint, CancellationToken.None));
        Assert.Empty(await _storage.ListKeysAsync(UploadOutbox.Prefix));
        Assert.Empty(broker.Published);
    }

    private async Task<IReadOnlyList<UploadedTrack>> UploadAsync(IPublishEndpoint publisher)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(ToneWav()), "file", "tone.wav" } };
        await using var body = await form.ReadAsStreamAsync();
        var processor = new UploadProcessor(_storage, publisher, Outbox(TimeSpan.Zero), _options, NullLogger<UploadProcessor>.Instance);
        return await processor.ProcessAsync(UserId, form.Headers.ContentType!.ToString(), body, CancellationToken.None);
    }

    /// <summary>The outbox as its dispatcher sees it <paramref name="later"/> from now.</summary>
    private UploadOutbox Outbox(TimeSpan later) => new(_storage, _options, new Later(later), NullLogger<UploadOutbox>.Instance);

    /// <summary>A quarter second of a 440 Hz tone, 16-bit mono at 8 kHz: a file the probe reads.</summary>
    internal static byte[] ToneWav()
    {
        const int rate = 8000, samples = rate / 4;
        var wav = MonoWav(rate, samples);
        for (var i = 0; i < samples; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(44 + i * 2), (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / rate)));
        }

        return wav;
    }

    /// <summary>A 16-bit mono WAV of <paramref name="samples"/> samples at <paramref name="rate"/>, silent until filled from byte 44.</summary>
    internal static byte[] MonoWav(int rate, int samples)
    {
        var wav = new byte[44 + samples * 2];
        "RIFF"u8.CopyTo(wav);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(4), wav.Length - 8);
        "WAVEfmt "u8.CopyTo(wav.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(22), 1);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(24), rate);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(28), rate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(32), 2);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(34), 16);
        "data"u8.CopyTo(wav.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(40), samples * 2);
        return wav;
    }

    private sealed class Later(TimeSpan by) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + by;
    }

    /// <summary>A broker stand-in: records what is published, or refuses everything as an absent broker would.</summary>
    public class RecordingPublisher : DispatchProxy
    {
        public List<object> Published { get; } = [];

        public bool Fails { get; private set; }

        public IPublishEndpoint Endpoint { get; private set; } = null!;

        public static RecordingPublisher Create(bool fails)
        {
            var endpoint = Create<IPublishEndpoint, RecordingPublisher>();
            var recorder = (RecordingPublisher)(object)endpoint;
            recorder.Fails = fails;
            recorder.Endpoint = endpoint;
            return recorder;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod?.Name != nameof(IPublishEndpoint.Publish))
            {
                throw new NotSupportedException(targetMethod?.Name);
            }

            if (Fails)
            {
                return Task.FromException(new InvalidOperationException("The broker is away."));
            }

            Published.Add(args![0]!);
            return Task.CompletedTask;
        }
    }
}
