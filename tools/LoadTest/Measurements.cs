using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace AudioPlatform.LoadTest;

/// <summary>A file to upload and the seconds of audio in it.</summary>
internal sealed record AudioFile(string Name, byte[] Content, double Seconds);

/// <summary>The audio files of a folder (<c>--files</c>), with their durations from ffprobe.</summary>
internal static class AudioFiles
{
    public static async Task<List<AudioFile>> ReadAsync(DirectoryInfo folder, int limit)
    {
        var paths = folder.EnumerateFiles()
            .Where(file => LoadTestOptions.Formats.Contains(file.Extension.TrimStart('.').ToLowerInvariant().Replace("aif", "aiff").Replace("aifff", "aiff")))
            .OrderBy(file => file.Name, StringComparer.Ordinal)
            .Take(limit)
            .ToList();
        var files = new List<AudioFile>(paths.Count);
        foreach (var path in paths)
        {
            files.Add(new AudioFile(path.Name, await File.ReadAllBytesAsync(path.FullName), await DurationAsync(path.FullName)));
        }

        return files;
    }

    private static async Task<double> DurationAsync(string path)
    {
        var start = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path })
        {
            start.ArgumentList.Add(argument);
        }

        using var ffprobe = Process.Start(start) ?? throw new InvalidOperationException("ffprobe could not be started");
        var output = await ffprobe.StandardOutput.ReadToEndAsync();
        await ffprobe.WaitForExitAsync();
        return double.TryParse(output.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? seconds : 0;
    }
}

/// <summary>
/// The platform's service processes on this machine (local mode, or containers sharing its process table), found by
/// their executable names (<c>AudioPlatform.Analysis</c> and so on): their CPU time and peak memory.
/// </summary>
internal static class ServiceProcesses
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public sealed record Service(int Pid, string Name);

    /// <summary>CPU seconds of a process itself and of the children it has waited for (ffmpeg, ffprobe, fpcalc).</summary>
    public sealed record Cpu(double Own, double Children)
    {
        public double Total => Own + Children;
    }

    /// <summary>The platform's services, by executable name: other programs of the repository (test hosts) are not the platform.</summary>
    private static readonly HashSet<string> ServiceNames = ["Analysis", "Gateway", "Identity", "Ingest", "Library", "Notify"];

    public static List<Service> Find()
    {
        if (!OperatingSystem.IsLinux())
        {
            return [];
        }

        var services = new List<Service>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(folder, "cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
                var program = commandLine.Select(Path.GetFileName).FirstOrDefault(name => name?.StartsWith("AudioPlatform.", StringComparison.Ordinal) == true);
                var name = program?.Replace("AudioPlatform.", "").Replace(".dll", "");
                if (name is not null && ServiceNames.Contains(name))
                {
                    services.Add(new Service(pid, name));
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }

        return services.OrderBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.Pid).ToList();
    }

    /// <summary>
    /// User and system CPU seconds of these processes and of the children they have waited for (ffmpeg, ffprobe, fpcalc)
    /// so far; a process that ended counts 0.
    /// </summary>
    public static double CpuSeconds(IEnumerable<Service> services) => services.Sum(service => CpuOf(service.Pid).Total);

    /// <summary>
    /// Waits until the services use less than <paramref name="idleShare"/> of a core over a second (at most
    /// <paramref name="limit"/>): the sign-ups just before leave work behind (their password hashing's tail, the JIT's
    /// second tier for the methods they warmed), which is not the batch's. Returns how long it waited.
    /// </summary>
    public static async Task<TimeSpan> SettleAsync(IReadOnlyCollection<Service> services, double idleShare, TimeSpan limit)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var before = CpuSeconds(services);
        while (clock.Elapsed < limit)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var now = CpuSeconds(services);
            if (now - before < idleShare)
            {
                break;
            }

            before = now;
        }

        return clock.Elapsed;
    }

    /// <summary>Each process's CPU so far, by pid.</summary>
    public static Dictionary<int, Cpu> CpuByProcess(IEnumerable<Service> services) => services.ToDictionary(s => s.Pid, s => CpuOf(s.Pid));

    private static Cpu CpuOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The fields after the command name (which may hold spaces) start after its closing parenthesis.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            double Seconds(int from) => (long.Parse(fields[from], CultureInfo.InvariantCulture) + long.Parse(fields[from + 1], CultureInfo.InvariantCulture)) / TicksPerSecond;
            // utime + stime, cutime + cstime.
            return new Cpu(Seconds(11), Seconds(13));
        }
        catch (IOException)
        {
            return new Cpu(0, 0);
        }
    }

    private static long PeakResidentKilobytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Each service's CPU since <paramref name="cpuBefore"/> on one line (replicas summed; + its children's).</summary>
    public static string Summary(List<Service> services, Dictionary<int, Cpu> cpuBefore) => string.Join(", ", services
        .GroupBy(s => s.Name)
        .Select(g => (Name: g.Key, Own: g.Sum(s => CpuOf(s.Pid).Own - cpuBefore[s.Pid].Own), Children: g.Sum(s => CpuOf(s.Pid).Children - cpuBefore[s.Pid].Children)))
        .OrderByDescending(c => c.Own + c.Children)
        .Select(c => c.Children >= 0.05 ? $"{c.Name} {c.Own:F1} + {c.Children:F1}" : $"{c.Name} {c.Own:F1}"));

    public static void Report(List<Service> services, Dictionary<int, Cpu> cpuBefore)
    {
        Console.WriteLine();
        if (services.Count == 0)
        {
            Console.WriteLine("Service processes: none found on this machine (the platform runs elsewhere), so no CPU or memory figures.");
            return;
        }

        Console.WriteLine($"Service processes on this machine ({services.Count}; CPU during the run, peak resident memory since each started)");
        foreach (var service in services)
        {
            var (now, before) = (CpuOf(service.Pid), cpuBefore[service.Pid]);
            Console.WriteLine($"  {service.Name,-10} pid {service.Pid,-8} CPU {now.Own - before.Own,6:F1} s own {now.Children - before.Children,6:F1} s children" +
                $"   {PeakResidentKilobytes(service.Pid) / 1024.0,7:F0} MB peak");
        }

        Console.WriteLine($"  CPU of all services and their children (ffmpeg, ffprobe, fpcalc) during the run {CpuSeconds(services) - cpuBefore.Values.Sum(c => c.Total):F1} s");
    }
}

/// <summary>The stage spans the services wrote during the run (<c>--stage-log</c>), per stage and per replica.</summary>
internal static class StageReport
{
    /// <summary>The engine's computation on this process's threads (the bare engine also decodes, in ffmpeg).</summary>
    private static readonly HashSet<string> EngineStages = ["loudness", "resample", "features", "rhythm", "tonal", "render", "classify"];

    private static readonly string[] Journey =
        ["receive", "sniff", "probe", "store", "publish", "fetch", "decode", "loudness", "resample", "features", "rhythm", "tonal", "render",
         "classify", "fingerprint", "store derived", "library update", "notify"];

    private sealed record Record(string Service, int Pid, string Stage, string? TrackId, DateTime StartedAt, double WallMs, double? CpuMs);

    public static void Print(DirectoryInfo folder, DateTime since, double platformCpuSeconds)
    {
        var records = folder.Exists
            ? folder.EnumerateFiles("*.jsonl").SelectMany(file => ReadLines(file.FullName)).Where(r => r.StartedAt >= since).ToList()
            : [];
        Console.WriteLine();
        if (records.Count == 0)
        {
            Console.WriteLine($"Stages: no spans in {folder.FullName} since the run began (start the platform with --Telemetry:StageLog={folder.FullName}).");
            return;
        }

        var tracks = records.Select(r => r.TrackId).Distinct().Count();
        Console.WriteLine($"Stages of {tracks} tracks' journeys (ms per track: wall mean / p95, CPU mean where the stage ran on one thread)");
        foreach (var stage in records.GroupBy(r => r.Stage).OrderBy(g => Array.IndexOf(Journey, g.Key) is var i and >= 0 ? i : int.MaxValue))
        {
            var wall = stage.Select(r => r.WallMs).Order().ToList();
            var cpu = stage.Where(r => r.CpuMs is not null).Select(r => r.CpuMs!.Value).ToList();
            Console.WriteLine($"  {stage.Key,-15} {stage.First().Service.Replace("AudioPlatform.", ""),-9} ×{stage.Count(),-5} {wall.Average(),9:F1} / {wall[Math.Min(wall.Count - 1, (int)Math.Ceiling(0.95 * wall.Count) - 1)],9:F1}   {(cpu.Count > 0 ? cpu.Average().ToString("F1", CultureInfo.InvariantCulture) : "–"),9}");
        }

        Console.WriteLine("Work per replica (spans written by each process)");
        foreach (var replica in records.GroupBy(r => (r.Service, r.Pid)).OrderBy(g => g.Key.Service, StringComparer.Ordinal))
        {
            Console.WriteLine($"  {replica.Key.Service.Replace("AudioPlatform.", ""),-9} pid {replica.Key.Pid,-8} {replica.Select(r => r.TrackId).Distinct().Count(),5} tracks");
        }

        // Decoding is ffmpeg's CPU, counted in the platform's total but not in any span.
        var engineCpu = records.Where(r => EngineStages.Contains(r.Stage)).Sum(r => r.CpuMs ?? 0) / 1000;
        if (platformCpuSeconds > 0)
        {
            Console.WriteLine($"The engine's own computation (loudness … classify, without ffmpeg's decoding) {engineCpu:F1} CPU s " +
                $"of the platform's {platformCpuSeconds:F1} CPU s ({engineCpu / platformCpuSeconds:P0})");
        }
    }

    private static IEnumerable<Record> ReadLines(string path)
    {
        // A service may be writing its file still; a line cut short is the last and is left out.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            Record? record = null;
            try
            {
                record = JsonSerializer.Deserialize<Record>(line, JsonSerializerOptions.Web);
            }
            catch (JsonException)
            {
            }

            if (record is not null)
            {
                yield return record;
            }
        }
    }
}
