using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace AudioPlatform.Analysis.Engine.Decoding;

/// <summary>
/// Streams the first audio stream of a file through ffmpeg as native-rate interleaved float32 on stdout.
/// The channels and rate are kept so loudness can be measured on the original signal; the analysis
/// downmix and resampling happen in the engine. A watchdog kills ffmpeg when the time limit passes.
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
    private readonly byte[] _carry;
    private int _carryCount;
    private bool _finished;

    public FfmpegPcmSource(string path, int sampleRate, int channels, TimeSpan timeout, CancellationToken ct)
    {
        SampleRate = sampleRate;
        Channels = channels;
        _carry = new byte[channels * sizeof(float)];
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
                     "-f", "f32le", "-acodec", "pcm_f32le",
                 })
            psi.ArgumentList.Add(arg);
        // Pin the layout to what the probe reported so the interleaving we assume is the one we get.
        psi.ArgumentList.Add("-ac");
        psi.ArgumentList.Add(channels.ToString(System.Globalization.CultureInfo.InvariantCulture));
        psi.ArgumentList.Add("-ar");
        psi.ArgumentList.Add(sampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture));
        psi.ArgumentList.Add("-");

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

    public int SampleRate { get; }
    public int Channels { get; }
    public string Decoder => "ffmpeg";

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
