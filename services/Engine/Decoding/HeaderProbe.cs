using TagLib;

namespace AudioPlatform.Engine.Decoding;

/// <summary>
/// Reads container facts and tags from a file's headers in process (TagLibSharp), without starting ffprobe: the same
/// <see cref="AudioProbeInfo"/> and the same refusals as <see cref="AudioProbe"/> (empty, a WAV header that lies, not
/// audio, no valid audio frame), for a fraction of the cost. ffprobe's CPU is nearly all its own start-up (it loads
/// about 200 shared libraries, whatever the file), which on a busy machine made a header probe take a second.
/// Reads the beginning and end of the file (tags, the first frame, a Xing/Info/VBRI header, the last Ogg page), never
/// the audio data; MP3's facts come from <see cref="Mp3Header"/>.
/// </summary>
public static class HeaderProbe
{
    /// <exception cref="AudioDecodeException">Missing, empty or non-audio input, a WAV whose header lies about its length, or no valid audio frame.</exception>
    public static AudioProbeInfo Probe(string path)
    {
        InputChecks.EnsureReadable(path);
        InputChecks.CheckWavHeader(path);
        var kind = ManagedDecoders.Sniff(path);
        var (container, mimeType) = kind switch
        {
            ManagedDecoders.Kind.Mp3 => ("mp3", "taglib/mp3"),
            ManagedDecoders.Kind.Wav => ("wav", "taglib/wav"),
            ManagedDecoders.Kind.Flac => ("flac", "taglib/flac"),
            ManagedDecoders.Kind.Aiff => ("aiff", "taglib/aiff"),
            ManagedDecoders.Kind.Ogg => ("ogg", "taglib/ogg"),
            _ => throw new AudioDecodeException(AudioDecodeError.NotAudio, "This file is not in any audio format we recognise."),
        };

        // MP3's facts come from its first frame (TagLib takes any frame sync for one, and no Info header for a length).
        Mp3Stream? mp3 = null;
        if (kind == ManagedDecoders.Kind.Mp3)
        {
            // As ffprobe: bytes with no frame header at all are not audio; a header with no second frame after it is damaged audio.
            mp3 = Mp3Header.Read(path, out var anyFrameHeader) ?? throw (anyFrameHeader
                ? new AudioDecodeException(AudioDecodeError.CorruptData, "The file looks like mp3 but no valid audio frame was found in it (damaged or not really audio).")
                : new AudioDecodeException(AudioDecodeError.NotAudio, "This file is not in any audio format we recognise (no MP3 frame in it)."));
        }

        if (kind is ManagedDecoders.Kind.Wav or ManagedDecoders.Kind.Aiff)
            return Uncompressed(path, container, mimeType);

        TagLib.File file;
        try
        {
            file = TagLib.File.Create(new TagLib.File.LocalFileAbstraction(path), mimeType, mp3 is null ? ReadStyle.Average : ReadStyle.None);
        }
        catch (Exception e) when (e is CorruptFileException or UnsupportedFormatException or IOException or ArgumentException
                                      or IndexOutOfRangeException or OverflowException or InvalidOperationException or NullReferenceException)
        {
            // As ffprobe, which cannot open such a file at all; TagLib's own words ("FLAC stream does not begin with fLaC") are for the log.
            throw new AudioDecodeException(AudioDecodeError.NotAudio, $"This file is not in any audio format we recognise ({container}: {e.Message}).", e);
        }

        using (file)
        {
            var tags = Tags(file.Tag);
            if (mp3 is not null)
                return new AudioProbeInfo(container, "mp3", mp3.SampleRate, mp3.Channels, mp3.BitRate, mp3.DurationSeconds, tags, mp3.DurationEstimated);

            var audio = file.Properties?.Codecs.OfType<IAudioCodec>().FirstOrDefault()
                ?? throw new AudioDecodeException(AudioDecodeError.NotAudio, "This file contains no audio stream.");
            var codec = CodecName(audio, kind);
            if (audio.AudioSampleRate <= 0 || audio.AudioChannels <= 0)
                throw new AudioDecodeException(AudioDecodeError.CorruptData,
                    $"The file looks like {codec} but no valid audio frame was found in it (damaged or not really audio).");
            var duration = file.Properties!.Duration.TotalSeconds;
            return new AudioProbeInfo(container, codec, audio.AudioSampleRate, audio.AudioChannels,
                audio.AudioBitrate > 0 ? audio.AudioBitrate * 1000L : null,
                duration > 0 && double.IsFinite(duration) ? duration : null, tags, DurationEstimated: duration <= 0);
        }
    }

    /// <summary>The facts from <see cref="PcmHeader"/>; the tags from TagLib when it can read them (not RF64 or AIFF-C).</summary>
    private static AudioProbeInfo Uncompressed(string path, string container, string mimeType)
    {
        var pcm = PcmHeader.Read(path)
            ?? throw new AudioDecodeException(AudioDecodeError.NotAudio, $"This file is not in any audio format we recognise ({container} with no format chunk).");
        if (pcm.SampleRate <= 0 || pcm.Channels <= 0)
            throw new AudioDecodeException(AudioDecodeError.CorruptData,
                $"The file looks like {container} but its format chunk declares no samples (damaged or not really audio).");
        AudioTags tags;
        try
        {
            using var file = TagLib.File.Create(new TagLib.File.LocalFileAbstraction(path), mimeType, ReadStyle.None);
            tags = Tags(file.Tag);
        }
        catch (Exception e) when (e is CorruptFileException or UnsupportedFormatException or IOException or ArgumentException
                                      or IndexOutOfRangeException or OverflowException or InvalidOperationException or NullReferenceException)
        {
            tags = AudioTags.Empty;
        }

        return new AudioProbeInfo(container, pcm.Codec, pcm.SampleRate, pcm.Channels, pcm.BitRate, pcm.DurationSeconds, tags, pcm.DurationEstimated);
    }

    private static AudioTags Tags(Tag tag) => new(Text(tag.Title), Text(tag.JoinedPerformers), Text(tag.Album), Text(tag.JoinedGenres),
        tag.BeatsPerMinute > 0 ? tag.BeatsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture) : null, Text(tag.InitialKey));

    /// <summary>ffprobe's names for the codecs the platform takes.</summary>
    private static string CodecName(IAudioCodec audio, ManagedDecoders.Kind kind) => audio switch
    {
        TagLib.Ogg.Codecs.Vorbis => "vorbis",
        TagLib.Ogg.Codecs.Opus => "opus",
        _ when kind == ManagedDecoders.Kind.Flac || audio.Description.Contains("FLAC", StringComparison.OrdinalIgnoreCase) => "flac",
        _ => audio.Description,
    };

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
