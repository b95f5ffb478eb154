using AudioPlatform.ServiceDefaults;
using AudioPlatform.Engine.Decoding;
using AudioPlatform.Contracts;
using AudioPlatform.Ingest.Infrastructure;
using AudioPlatform.Storage;
using MassTransit;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AudioPlatform.Ingest.Model;

/// <summary>A track as Ingest created it; the Library takes over from here.</summary>
public sealed record UploadedTrack(
    Guid Id, string FileName, string Format, long SizeBytes, string Title, string? Artist, string Status, DateTimeOffset CreatedAt);

/// <summary>
/// Takes a multipart upload apart file by file without holding any file in memory: each is written to a
/// draft of the object store (<see cref="ObjectDraft"/>, counting bytes against the limit), recognised by its
/// first bytes, probed, and only when every file of the request passed is each committed and announced (through
/// the <see cref="UploadOutbox"/>, so stored audio is always announced). A refused request leaves nothing behind.
/// </summary>
public sealed class UploadProcessor(
    IObjectStorage storage,
    IPublishEndpoint publisher,
    UploadOutbox outbox,
    IOptions<UploadOptions> options,
    ILogger<UploadProcessor> logger)
{
    /// <summary>The object metadata holding the name the file was uploaded with (what a download is named).</summary>
    public const string FileNameMetadata = "file-name";

    private const string FilePartName = "file";

    private const int ReadBufferSize = 64 * 1024;

    public async Task<IReadOnlyList<UploadedTrack>> ProcessAsync(string userId, string? contentType, Stream body, CancellationToken cancellationToken)
    {
        var boundary = MultipartBoundary(contentType);
        var staged = new List<StagedFile>();
        try
        {
            // The reader looks for the boundary through a buffer of this size (4 KiB unless told): a larger one makes a
            // 50 MB file a few hundred reads instead of thousands.
            var reader = new MultipartReader(boundary, body, ReadBufferSize) { HeadersLengthLimit = 16 * 1024 };
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.IsFileDisposition()
                    || !string.Equals(disposition.Name.Value, FilePartName, StringComparison.Ordinal))
                {
                    continue;
                }

                if (staged.Count == options.Value.MaxFilesPerRequest)
                {
                    throw new UploadRefusedException(StatusCodes.Status413PayloadTooLarge, "Too many files",
                        $"Send at most {options.Value.MaxFilesPerRequest} files per request.");
                }

                var fileName = UploadNames.FileName(disposition.FileNameStar.Value ?? disposition.FileName.Value);
                staged.Add(await StageAsync(section.Body, fileName, cancellationToken));
            }

            if (staged.Count == 0)
            {
                throw new UploadRefusedException(StatusCodes.Status400BadRequest, "No file",
                    $"The request has no multipart part named '{FilePartName}' with a file in it.");
            }

            var tracks = new List<UploadedTrack>(staged.Count);
            foreach (var file in staged)
            {
                try
                {
                    tracks.Add(await StoreAndAnnounceAsync(userId, file, cancellationToken));
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "Upload of {FileName} could not be stored", file.FileName);
                    var accepted = tracks.Count == 0 ? "" : $" The {tracks.Count} file(s) before it in this request were accepted and will be analysed.";
                    throw new UploadRefusedException(StatusCodes.Status503ServiceUnavailable, "Upload not stored",
                        $"'{file.FileName}' could not be stored, so it was not kept.{accepted} Send it again in a moment.", file.FileName)
                    {
                        RetryAfter = TimeSpan.FromSeconds(30),
                        Accepted = tracks,
                    };
                }
            }

            return tracks;
        }
        finally
        {
            foreach (var file in staged)
            {
                await file.Draft.DisposeAsync();
            }
        }
    }

    private string MultipartBoundary(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 and <= 256 } boundary)
        {
            throw new UploadRefusedException(StatusCodes.Status415UnsupportedMediaType, "Not a multipart upload",
                "Send the audio as multipart/form-data with one or more parts named 'file'.");
        }

        return boundary;
    }

    private async Task<StagedFile> StageAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        // Written where the store can keep it: the local store then commits it by a rename, not a second copy.
        var draft = storage.CreateDraft();
        // The track's id is made as its bytes arrive, so that every stage's span names the track.
        var trackId = Guid.CreateVersion7();
        try
        {
            var header = new byte[AudioFormatSniffer.HeaderLength];
            var headerLength = 0;
            var limit = options.Value.MaxFileBytes;
            using (PipelineTelemetry.StartStage("receive", trackId))
            {
                var buffer = new byte[ReadBufferSize];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    if (draft.Length + read > limit)
                    {
                        throw new UploadRefusedException(StatusCodes.Status413PayloadTooLarge, "File too large",
                            $"'{fileName}' is larger than the limit of {limit / (1024 * 1024)} MB.", fileName);
                    }

                    var toHeader = Math.Min(read, header.Length - headerLength);
                    buffer.AsSpan(0, toHeader).CopyTo(header.AsSpan(headerLength));
                    headerLength += toHeader;
                    await draft.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                await draft.CompleteAsync();
            }

            if (draft.Length == 0)
            {
                throw new UploadRefusedException(StatusCodes.Status415UnsupportedMediaType, "Empty file", $"'{fileName}' is empty.", fileName);
            }

            string? sniffed;
            using (PipelineTelemetry.StartStage("sniff", trackId))
            {
                sniffed = AudioFormatSniffer.Detect(header.AsSpan(0, headerLength));
            }

            var format = sniffed
                ?? throw new UploadRefusedException(StatusCodes.Status415UnsupportedMediaType, "Not a supported audio file",
                    $"'{fileName}' is not MP3, WAV, FLAC, AIFF or OGG (judged by its content, not its name).", fileName);

            AudioProbeInfo probe;
            using (PipelineTelemetry.StartStage("probe", trackId))
            {
                probe = Probe(draft.Path, fileName);
            }

            var storedName = fileName == UploadNames.FallbackBaseName ? $"{UploadNames.FallbackBaseName}.{format}" : fileName;
            return new StagedFile(trackId, draft, storedName, format, draft.Length,
                UploadNames.Text(probe.Tags.Title), UploadNames.Text(probe.Tags.Artist), UploadNames.Text(probe.Tags.Album));
        }
        catch
        {
            await draft.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Reads the file's headers in process (<see cref="HeaderProbe"/>): starting ffprobe cost about 0.2 CPU-seconds per
    /// upload whatever the file, most of Ingest's CPU. The decoder in Analysis still checks every sample.
    /// </summary>
    private AudioProbeInfo Probe(string path, string fileName)
    {
        try
        {
            return HeaderProbe.Probe(path);
        }
        catch (AudioDecodeException ex) when (ex.Reason is AudioDecodeError.NotAudio or AudioDecodeError.CorruptData or AudioDecodeError.EmptyFile
                                                  or AudioDecodeError.Truncated or AudioDecodeError.HeaderLengthMismatch)
        {
            // The probe's own words name the staging file and quote the header reader: the log keeps them, under this request's trace.
            logger.LogInformation("Upload of {FileName} refused: {Reason} {Message}", fileName, ex.Reason, ex.Message);
            throw new UploadRefusedException(StatusCodes.Status415UnsupportedMediaType, "Not a readable audio file",
                $"'{fileName}': {ex.ForUser()}", fileName);
        }
    }

    private async Task<UploadedTrack> StoreAndAnnounceAsync(string userId, StagedFile file, CancellationToken cancellationToken)
    {
        var trackId = file.TrackId;
        var key = ObjectKey.ForAudio(userId, trackId);
        var title = file.Title ?? UploadNames.TitleFromFileName(file.FileName);
        var uploaded = new TrackUploaded(trackId, key, file.FileName, file.Format, file.SizeBytes, title, file.Artist)
        {
            Album = file.Album,
            UserId = userId,
            CorrelationId = trackId,
        };

        // Written down before the audio is stored: from the moment the audio exists, the outbox can announce it.
        var store = PipelineTelemetry.StartStage("store", trackId);
        await outbox.AddAsync(uploaded, cancellationToken);
        try
        {
            await file.Draft.CommitAsync(key, new ObjectWrite(ContentTypes[file.Format], file.SizeBytes,
                new Dictionary<string, string> { ["format"] = file.Format, [FileNameMetadata] = file.FileName }), cancellationToken);
        }
        catch
        {
            await outbox.RemoveAsync(trackId);
            throw;
        }
        finally
        {
            store.Dispose();
        }

        using (PipelineTelemetry.StartStage("publish", trackId))
        {
            await AnnounceAsync(uploaded, cancellationToken);
        }

        logger.LogInformation("Track {TrackId} ({Format}, {Size} bytes) uploaded", trackId, file.Format, file.SizeBytes);

        return new UploadedTrack(trackId, file.FileName, file.Format, file.SizeBytes, title, file.Artist, "uploaded", uploaded.OccurredAt);
    }

    /// <summary>
    /// Publishes at once, the usual case; when the broker cannot take it within the announce timeout, the stored upload
    /// stays accepted and its outbox entry is announced by <see cref="UploadOutboxDispatcher"/> once the broker is back.
    /// </summary>
    private async Task AnnounceAsync(TrackUploaded uploaded, CancellationToken cancellationToken)
    {
        try
        {
            using var announceDeadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            announceDeadline.CancelAfter(options.Value.AnnounceTimeout);
            await publisher.Publish(uploaded, announceDeadline.Token);
            await outbox.RemoveAsync(uploaded.TrackId);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Track {TrackId} is stored but not announced yet: the outbox will announce it", uploaded.TrackId);
        }
    }

    public static readonly IReadOnlyDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        ["mp3"] = "audio/mpeg",
        ["wav"] = "audio/wav",
        ["flac"] = "audio/flac",
        ["aiff"] = "audio/aiff",
        ["ogg"] = "audio/ogg",
    };

    /// <summary>A file of the request in a draft of the store, with its names already made safe (<see cref="UploadNames"/>).</summary>
    private sealed record StagedFile(Guid TrackId, ObjectDraft Draft, string FileName, string Format, long SizeBytes, string? Title, string? Artist, string? Album);
}
