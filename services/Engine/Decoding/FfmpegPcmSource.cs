using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace AudioPlatform.Engine.Decoding;

/// <summary>
/// Streams the first audio stream of a file through ffmpeg as native-rate interleaved float32 on stdout, in a WAV
/// container so the stream describes itself (rate and channel count come from its header, not from a prior probe,
/// which lets the probe run at the same time). The channels and rate are kept so loudness can be measured on the
/// original signal; the analysis downmix and resampling happen in the engine. A watchdog kills ffmpeg when the time
/// limit passes.
/// </summary>
internal sealed class FfmpegPcmSource : IPcmSource
{
    private const int StderrLimit = 16 * 1024;
    private readonly Process _process;
    private readonly Stream _stdout;
    private readonly StringBuilder _stderr = new();
    private readonly CancellationTokenSource _watchdog;
    private readonly CancellationTokenRegistration _killOnCancel;
    private readonly CancellationToken _callerToken;
    private byte[] _carry = [];
    private int _carryCount;
    private bool _finished;

    public FfmpegPcmSource(string path, TimeSpan timeout, CancellationToken ct)
    {
        _callerToken = ct;
        var psi = new ProcessStartInfo(FfmpegTools.Ffmpeg ?? throw new InvalidOperationException("ffmpeg is not available."))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "-nostdin", "-hide_banner", "-loglevel", "error", "-threads", "1",
                     "-i", path, "-map", "0:a:0", "-vn", "-sn", "-dn",
                     "-f", "wav", "-acodec", "pcm_f32le", "-rf64", "never", "-bitexact", "-",
                 })
            psi.ArgumentList.Add(arg);

        _process = Process.Start(psi) ?? throw new AudioDecodeException(AudioDecodeError.DecoderFailed, "ffmpeg could not be started.");
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (_stderr)
                if (_stderr.Length < StderrLimit)
                    _stderr.AppendLine(e.Data);
        };
        _process.BeginErrorReadLine();
        _stdout = _process.StandardOutput.BaseStream;

        _watchdog = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _watchdog.CancelAfter(timeout);
        _killOnCancel = _watchdog.Token.Register(() => AudioProbe.TryKill(_process));
    }

    public int SampleRate { get; private set; }
    public int Channels { get; private set; }
    public string Decoder => "ffmpeg";

    /// <summary>
    /// Reads the WAV header ffmpeg writes before the samples. False when ffmpeg ends without one (it could not open
    /// or decode the input; <see cref="Errors"/> says why).
    /// </summary>
    public bool ReadHeader()
    {
        Span<byte> head = stackalloc byte[12];
        if (!ReadExactly(head) || !head[..4].SequenceEqual("RIFF"u8) || !head[8..].SequenceEqual("WAVE"u8))
            return FinishWithoutHeader();
        Span<byte> chunk = stackalloc byte[8];
        Span<byte> skip = stackalloc byte[256];
        Span<byte> fmt = stackalloc byte[16];
        while (ReadExactly(chunk))
        {
            var size = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            if (chunk[..4].SequenceEqual("data"u8))
                return Channels > 0 && SampleRate > 0 || FinishWithoutHeader();
            long remaining = size + (size & 1);
            if (chunk[..4].SequenceEqual("fmt "u8))
            {
                if (size < 16 || !ReadExactly(fmt))
                    return FinishWithoutHeader();
                Channels = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
                SampleRate = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
                var bits = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
                if (bits != 32)
                    throw new AudioDecodeException(AudioDecodeError.DecoderFailed, $"ffmpeg wrote {bits}-bit samples instead of 32-bit float.");
                _carry = new byte[Math.Max(1, Channels) * sizeof(float)];
                remaining -= 16;
            }
            while (remaining > 0)
            {
                var n = (int)Math.Min(remaining, skip.Length);
                if (!ReadExactly(skip[..n]))
                    return FinishWithoutHeader();
                remaining -= n;
            }
        }
        return FinishWithoutHeader();
    }

    private bool ReadExactly(Span<byte> into)
    {
        var got = 0;
        while (got < into.Length)
        {
            var n = ReadPipe(into[got..]);
            if (n == 0)
                return false;
            got += n;
        }
        return true;
    }

    private bool FinishWithoutHeader()
    {
        Finish();
        return false;
    }

    /// <summary>ffmpeg's error output so far (bounded).</summary>
    public string Errors
    {
        get
        {
            lock (_stderr)
                return _stderr.ToString();
        }
    }

    public int Read(Span<float> interleaved)
    {
        if (_finished)
            return 0;
        var bytes = MemoryMarshal.AsBytes(interleaved);
        var frameBytes = _carry.Length;
        if (bytes.Length < frameBytes)
            throw new ArgumentException("The buffer must hold at least one sample frame.", nameof(interleaved));

        _carry.AsSpan(0, _carryCount).CopyTo(bytes);
        var filled = _carryCount;
        _carryCount = 0;
        // Fill most of the buffer: fewer, larger chunks keep the per-chunk overhead of the consumers small.
        var wanted = bytes.Length - bytes.Length % frameBytes;
        while (filled < wanted)
        {
            var n = ReadPipe(bytes[filled..]);
            if (n == 0)
                break;
            filled += n;
        }

        var whole = filled - filled % frameBytes;
        _carryCount = filled - whole;
        bytes.Slice(whole, _carryCount).CopyTo(_carry);
        if (whole == 0)
        {
            Finish();
            return 0;
        }
        return whole / sizeof(float);
    }

    private int ReadPipe(Span<byte> into)
    {
        try
        {
            return _stdout.Read(into);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private void Finish()
    {
        _finished = true;
        _process.WaitForExit();
        if (_callerToken.IsCancellationRequested)
            throw new OperationCanceledException(_callerToken);
        if (_watchdog.IsCancellationRequested)
            throw new AudioDecodeException(AudioDecodeError.Timeout, "Decoding took longer than the time limit; the decoder was stopped.");
    }

    /// <summary>Stops ffmpeg early (the analysis no longer needs it); pending reads then end.</summary>
    public void Stop() => AudioProbe.TryKill(_process);

    /// <summary>True when ffmpeg exited with an error status.</summary>
    public bool Failed => _finished && _process.ExitCode != 0;

    public void Dispose()
    {
        _killOnCancel.Dispose();
        AudioProbe.TryKill(_process);
        _process.Dispose();
        _watchdog.Dispose();
    }
}
