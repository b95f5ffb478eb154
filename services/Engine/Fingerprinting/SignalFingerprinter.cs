using System.Runtime.InteropServices;
using AudioPlatform.Engine.Framing;

namespace AudioPlatform.Engine.Fingerprinting;

/// <summary>
/// The Chromaprint fingerprint of the analysis signal, computed in process by libchromaprint (the library behind fpcalc,
/// Debian's libchromaprint1, installed with fpcalc) while the engine decodes: the file is decoded once, and no process
/// starts. It takes the engine's mono signal at <see cref="FrameSettings.SampleRate"/>, which Chromaprint resamples to its
/// own 11,025 Hz as it does fpcalc's native-rate samples, so the fingerprint matches fpcalc's on the file (the same
/// algorithm, the same first two minutes). Pass it to <see cref="AudioAnalyzer.AnalyzeAsync(string, ISampleConsumer, IProgress{AnalysisProgress}?, CancellationToken)"/>,
/// then <see cref="Finish"/>. One instance per track; not thread-safe.
/// </summary>
public sealed partial class SignalFingerprinter : ISampleConsumer, IDisposable
{
    private const string Library = "libchromaprint.so.1";

    /// <summary>fpcalc's default, "-algorithm 2" on its command line (the library counts from 0).</summary>
    private const int DefaultAlgorithm = 1;

    /// <summary>fpcalc's default "-length 120": what the stored fingerprints cover.</summary>
    public const double FingerprintedSeconds = 120;

    private static readonly Lazy<bool> Loadable = new(() =>
    {
        if (!NativeLibrary.TryLoad(Library, typeof(SignalFingerprinter).Assembly, null, out var handle)) return false;
        NativeLibrary.Free(handle);
        return true;
    });

    private readonly int _sampleRate;
    private readonly long _limit;
    private readonly short[] _buffer = new short[8192];
    private IntPtr _context;
    private long _fed;
    private long _consumed;

    private SignalFingerprinter(IntPtr context, int sampleRate)
    {
        _context = context;
        _sampleRate = sampleRate;
        _limit = (long)(FingerprintedSeconds * sampleRate);
    }

    /// <summary>True when libchromaprint can be loaded here.</summary>
    public static bool Available => Loadable.Value;

    /// <summary>A fingerprinter for a mono signal at <paramref name="sampleRate"/>, or null when libchromaprint is not installed.</summary>
    public static SignalFingerprinter? TryCreate(int sampleRate = FrameSettings.SampleRate)
    {
        if (!Available) return null;
        var context = ChromaprintNew(DefaultAlgorithm);
        if (context == IntPtr.Zero) return null;
        if (ChromaprintStart(context, sampleRate, 1) != 1)
        {
            ChromaprintFree(context);
            return null;
        }
        return new SignalFingerprinter(context, sampleRate);
    }

    public void Consume(ReadOnlySpan<float> samples)
    {
        _consumed += samples.Length;
        ObjectDisposedException.ThrowIf(_context == IntPtr.Zero, this);
        var wanted = (int)Math.Min(samples.Length, _limit - _fed);
        for (var start = 0; start < wanted; start += _buffer.Length)
        {
            var chunk = samples.Slice(start, Math.Min(_buffer.Length, wanted - start));
            // fpcalc hands Chromaprint 16-bit samples: the same scale and rounding.
            for (var i = 0; i < chunk.Length; i++) _buffer[i] = (short)Math.Clamp(MathF.Round(chunk[i] * 32768f), short.MinValue, short.MaxValue);
            if (ChromaprintFeed(_context, _buffer, chunk.Length) != 1)
                throw new InvalidOperationException("Chromaprint refused the samples.");
            _fed += chunk.Length;
        }
    }

    /// <summary>The fingerprint of what was consumed (its duration is all of it), or null when there was too little audio for one.</summary>
    public AudioFingerprint? Finish()
    {
        ObjectDisposedException.ThrowIf(_context == IntPtr.Zero, this);
        if (ChromaprintFinish(_context) != 1 || ChromaprintGetRawFingerprint(_context, out var points, out var size) != 1)
            return null;
        try
        {
            if (size <= 0) return null;
            uint[] copy;
            unsafe
            {
                copy = new ReadOnlySpan<uint>((void*)points, size).ToArray();
            }
            return new AudioFingerprint(copy, (double)_consumed / _sampleRate);
        }
        finally
        {
            ChromaprintDealloc(points);
        }
    }

    public void Dispose()
    {
        if (_context == IntPtr.Zero) return;
        ChromaprintFree(_context);
        _context = IntPtr.Zero;
    }

    [LibraryImport(Library, EntryPoint = "chromaprint_new")]
    private static partial IntPtr ChromaprintNew(int algorithm);

    [LibraryImport(Library, EntryPoint = "chromaprint_free")]
    private static partial void ChromaprintFree(IntPtr context);

    [LibraryImport(Library, EntryPoint = "chromaprint_start")]
    private static partial int ChromaprintStart(IntPtr context, int sampleRate, int channels);

    [LibraryImport(Library, EntryPoint = "chromaprint_feed")]
    private static partial int ChromaprintFeed(IntPtr context, short[] data, int size);

    [LibraryImport(Library, EntryPoint = "chromaprint_finish")]
    private static partial int ChromaprintFinish(IntPtr context);

    [LibraryImport(Library, EntryPoint = "chromaprint_get_raw_fingerprint")]
    private static partial int ChromaprintGetRawFingerprint(IntPtr context, out IntPtr fingerprint, out int size);

    [LibraryImport(Library, EntryPoint = "chromaprint_dealloc")]
    private static partial void ChromaprintDealloc(IntPtr pointer);
}
