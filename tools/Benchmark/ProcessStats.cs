namespace AudioPlatform.Benchmark;

/// <summary>CPU time of this process and of its waited-for children (ffmpeg decoders), from /proc/self/stat.</summary>
public static class ProcessStats
{
    private const double ClockTicksPerSecond = 100;

    /// <summary>User + system seconds of this process plus those of its finished children; null off Linux.</summary>
    public static (double Self, double Children)? CpuSeconds()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            // Fields after the parenthesised command name; utime is field 14 (index 11 after the name).
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            double Field(int number) => double.Parse(fields[number - 3]) / ClockTicksPerSecond;
            return (Field(14) + Field(15), Field(16) + Field(17));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Peak resident set of this process in bytes (VmHWM), falling back to the peak working set.</summary>
    public static long PeakResidentBytes()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line[6..].Trim().Split(' ')[0]) * 1024;
        }
        catch (IOException)
        {
        }
        return Environment.WorkingSet;
    }
}
