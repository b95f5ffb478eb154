namespace AudioPlatform.Engine.Decoding;

/// <summary>
/// Opens a file for streaming decode: input checks, probe, then ffmpeg (or the managed fallback).
/// </summary>
public static class AudioDecoder
{
    /// <exception cref="AudioDecodeException">The input is missing, empty, not audio, damaged or too long.</exception>
    public static async Task<AudioInput> OpenAsync(string path, DecodeOptions? options = null, CancellationToken ct = default)
    {
        options ??= DecodeOptions.Default;
        if (options.UseFfmpeg && FfmpegTools.Available)
            return await OpenWithFfmpegAsync(path, options, ct).ConfigureAwait(false);

        InputChecks.EnsureReadable(path);
        InputChecks.CheckWavHeader(path);
        var managed = ManagedDecoders.Open(path, out var managedProbe);
        try
        {
            CheckDeclaredDuration(managedProbe, options);
        }
        catch
        {
            managed.Dispose();
            throw;
        }
        return new AudioInput(managedProbe, managed, options);
    }

    /// <summary>
    /// Reads the headers in process (<see cref="HeaderProbe"/>, which also makes the input checks: the refusals and facts ffprobe gave, without its 0.1–0.2
    /// CPU-seconds of start-up), then starts ffmpeg and waits for the WAV header of its output before samples are read.
    /// </summary>
    private static async Task<AudioInput> OpenWithFfmpegAsync(string path, DecodeOptions options, CancellationToken ct)
    {
        var probe = HeaderProbe.Probe(path);
        CheckDeclaredDuration(probe, options);
        var source = new FfmpegPcmSource(path, options.Timeout, ct);
        bool header;
        try
        {
            header = await Task.Run(source.ReadHeader, CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            source.Dispose();
            throw;
        }

        if (header)
            return new AudioInput(probe, source, options);

        var line = source.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        source.Dispose();
        throw new AudioDecodeException(AudioDecodeError.CorruptData, "No audio could be decoded from the file" + (line is null ? "." : $" (decoder said: {line})."));
    }

    private static void CheckDeclaredDuration(AudioProbeInfo probe, DecodeOptions options)
    {
        if (probe.DurationSeconds is { } d && !probe.DurationEstimated && d > options.MaxDurationSeconds)
            throw new AudioDecodeException(AudioDecodeError.TooLong,
                $"The audio lasts {TimeSpan.FromSeconds(d):h\\:mm\\:ss}, longer than the {TimeSpan.FromSeconds(options.MaxDurationSeconds):h\\:mm\\:ss} limit.");
    }
}

/// <summary>
/// One open decode: the probe facts and a bounded reader of native-rate interleaved samples.
/// At the end of the stream it checks what was decoded against what the container declared.
/// </summary>
public sealed class AudioInput : IDisposable
{
    private readonly IPcmSource _source;
    private readonly DecodeOptions _options;
    private readonly long _maxFrames;
    private readonly long _startedAt = System.Diagnostics.Stopwatch.GetTimestamp();
    private long _frames;
    private bool _ended;

    internal AudioInput(AudioProbeInfo probe, IPcmSource source, DecodeOptions options)
    {
        Probe = probe;
        _source = source;
        _options = options;
        _maxFrames = (long)(options.MaxDurationSeconds * source.SampleRate);
    }

    public AudioProbeInfo Probe { get; }
    public int SampleRate => _source.SampleRate;
    public int Channels => _source.Channels;
    public string Decoder => _source.Decoder;

    /// <summary>Sample frames (one sample per channel) decoded so far.</summary>
    public long Frames => _frames;

    public double DecodedSeconds => (double)_frames / _source.SampleRate;

    /// <summary>Reads whole frames of interleaved samples; 0 at the end (after the end-of-stream checks pass).</summary>
    /// <exception cref="AudioDecodeException">Corrupt, truncated, too long, or over the time limit.</exception>
    public int Read(Span<float> interleaved)
    {
        if (_ended)
            return 0;
        // ffmpeg has its own watchdog; this bounds the in-process managed decoders too (checked between reads).
        if (System.Diagnostics.Stopwatch.GetElapsedTime(_startedAt) > _options.Timeout)
            throw new AudioDecodeException(AudioDecodeError.Timeout, "Decoding took longer than the time limit and was stopped.");
        var n = _source.Read(interleaved);
        if (n > 0)
        {
            _frames += n / _source.Channels;
            if (_frames > _maxFrames)
                throw new AudioDecodeException(AudioDecodeError.TooLong,
                    $"The audio is longer than the {TimeSpan.FromSeconds(_options.MaxDurationSeconds):h\\:mm\\:ss} limit.");
            return n;
        }

        _ended = true;
        CheckEnd();
        return 0;
    }

    private void CheckEnd()
    {
        var ffmpegFailed = _source is FfmpegPcmSource { Failed: true };
        if (_frames == 0)
            throw new AudioDecodeException(AudioDecodeError.CorruptData,
                "No audio could be decoded from the file: it is damaged or not really audio." + FfmpegDetail());

        if (Probe.DurationSeconds is not { } declared || Probe.DurationEstimated)
            return;
        var decoded = DecodedSeconds;
        var missing = declared - decoded;
        if (missing > Math.Max(0.5, declared * 0.02))
        {
            throw new AudioDecodeException(ffmpegFailed && decoded < declared * 0.5 ? AudioDecodeError.CorruptData : AudioDecodeError.Truncated,
                $"The file is cut off: its header declares {declared:0.0} s of audio but only {decoded:0.0} s could be decoded.");
        }
    }

    private string FfmpegDetail()
    {
        if (_source is not FfmpegPcmSource f)
            return string.Empty;
        var line = f.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return line is null ? string.Empty : $" (decoder said: {line})";
    }

    public void Dispose() => _source.Dispose();
}
