using System.Diagnostics;
using System.Globalization;

namespace AudioPlatform.Cli.Server;

/// <summary>
/// What <c>upload</c> tells the user while it works, on stderr: on a terminal, one redrawn line with the current file's
/// bar and the overall bar (bytes of all files); when redirected, only the plain per-file lines.
/// </summary>
internal sealed class UploadProgress : IDisposable
{
    private const int BarWidth = 20;
    private readonly TextWriter _out;
    private readonly bool _terminal;
    private readonly long _totalBytes;
    private readonly int _files;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();
    private long _doneBytes;
    private int _doneFiles;
    private string _current = "";
    private long _currentSize;
    private long _currentSent;
    private long _lastDraw = -1000;
    private bool _drawn;

    private UploadProgress(TextWriter output, bool terminal, long totalBytes, int files)
    {
        _out = output;
        _terminal = terminal;
        _totalBytes = Math.Max(1, totalBytes);
        _files = files;
    }

    public static UploadProgress For(TextWriter stderr, long totalBytes, int files) =>
        new(stderr, ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected, totalBytes, files);

    public void Start(string name, long size)
    {
        lock (_lock)
        {
            _current = name;
            _currentSize = Math.Max(1, size);
            _currentSent = 0;
            Draw(force: true);
        }
    }

    public void Sent(long bytes)
    {
        lock (_lock)
        {
            _currentSent = bytes;
            Draw(force: false);
        }
    }

    /// <summary>A file is done (uploaded, skipped or failed): its line is printed and its bytes count as done.</summary>
    public void Done(long size, string line)
    {
        lock (_lock)
        {
            _doneBytes += size;
            _doneFiles++;
            _currentSent = 0;
            _current = "";
            Line(line);
        }
    }

    /// <summary>A line of its own (never overwritten by the bar).</summary>
    public void Line(string line)
    {
        lock (_lock)
        {
            Clear();
            _out.WriteLine(line);
            _out.Flush();
            Draw(force: true);
        }
    }

    /// <summary>A status that replaces the bar on a terminal (e.g. while waiting for the analyses); nothing when redirected.</summary>
    public void Status(string status)
    {
        if (!_terminal)
            return;
        lock (_lock)
        {
            _current = "";
            Clear();
            _out.Write(status.Length > 100 ? status[..100] : status);
            _out.Flush();
            _drawn = true;
        }
    }

    private void Draw(bool force)
    {
        if (!_terminal || _current.Length == 0)
            return;
        var now = _clock.ElapsedMilliseconds;
        if (!force && now - _lastDraw < 100)
            return;
        _lastDraw = now;
        var file = Math.Min(1.0, (double)_currentSent / _currentSize);
        var overall = Math.Min(1.0, (double)(_doneBytes + _currentSent) / _totalBytes);
        var name = _current.Length > 24 ? _current[..23] + "…" : _current.PadRight(24);
        _out.Write(string.Create(CultureInfo.InvariantCulture,
            $"\r{name} {Bar(file)} {file * 100,3:0}%   all {Bar(overall)} {overall * 100,3:0}% {_doneFiles}/{_files} files {Megabytes(_doneBytes + _currentSent)}/{Megabytes(_totalBytes)} MB"));
        _out.Flush();
        _drawn = true;
    }

    private static string Bar(double fraction)
    {
        var filled = (int)Math.Round(fraction * BarWidth);
        return $"[{new string('#', filled)}{new string('-', BarWidth - filled)}]";
    }

    private static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);

    private void Clear()
    {
        if (!_drawn)
            return;
        _out.Write("\r" + new string(' ', 119) + "\r");
        _drawn = false;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            Clear();
            _out.Flush();
        }
    }
}
