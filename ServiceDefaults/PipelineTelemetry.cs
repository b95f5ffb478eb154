using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using OpenTelemetry;

namespace AudioPlatform.ServiceDefaults;

/// <summary>
/// One span for each stage of an upload's journey (receive, sniff, probe, store, publish in Ingest; fetch, decode,
/// features, classify, render, store derived in Analysis; the library update; the notification), on one activity
/// source, each tagged with the track. MassTransit's own spans carry the trace from one service to the next, so the
/// stages of one upload form one trace in the dashboard. A stage that runs on one thread from start to end also
/// records the CPU time that thread spent (<see cref="CpuMillisecondsTag"/>).
/// </summary>
public static class PipelineTelemetry
{
    public const string SourceName = "AudioPlatform.Pipeline";
    public const string TrackIdTag = "audioplatform.track_id";
    public const string CpuMillisecondsTag = "audioplatform.cpu_ms";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts a stage span (or nothing, when no listener samples it); dispose to end it.</summary>
    public static Stage StartStage(string name, Guid trackId)
    {
        var activity = Source.StartActivity(name);
        activity?.SetTag(TrackIdTag, trackId.ToString());
        return new Stage(activity);
    }

    /// <summary>
    /// Records a stage timed elsewhere (the engine's own stage timings) as a span of the current one: it starts at
    /// <paramref name="start"/> and lasts <paramref name="duration"/>; its CPU time is its duration, the engine's stages
    /// being computation on one thread.
    /// </summary>
    public static void RecordStage(string name, Guid trackId, DateTimeOffset start, TimeSpan duration, bool cpuBound)
    {
        using var activity = Source.StartActivity(name, ActivityKind.Internal, parentContext: default(ActivityContext), startTime: start);
        if (activity is null)
        {
            return;
        }

        activity.SetTag(TrackIdTag, trackId.ToString());
        if (cpuBound)
        {
            activity.SetTag(CpuMillisecondsTag, Math.Round(duration.TotalMilliseconds, 2));
        }

        activity.SetEndTime((start + duration).UtcDateTime);
    }

    /// <summary>A running stage span.</summary>
    public readonly struct Stage : IDisposable
    {
        private readonly Activity? _activity;
        private readonly int _thread;
        private readonly double _cpuAtStart;

        internal Stage(Activity? activity)
        {
            _activity = activity;
            _thread = Environment.CurrentManagedThreadId;
            _cpuAtStart = activity is null ? 0 : ThreadCpuMilliseconds();
        }

        public void Dispose()
        {
            if (_activity is null)
            {
                return;
            }

            // After an await the stage may end on another thread, whose clock says nothing about this stage.
            if (Environment.CurrentManagedThreadId == _thread && ThreadCpuMilliseconds() is var now && now > 0)
            {
                _activity.SetTag(CpuMillisecondsTag, Math.Round(now - _cpuAtStart, 2));
            }

            _activity.Dispose();
        }
    }

    private static double ThreadCpuMilliseconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        return ClockGetTime(ThreadCpuClock, out var time) == 0 ? time.Seconds * 1e3 + time.Nanoseconds / 1e6 : 0;
    }

    private const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
}

/// <summary>
/// Writes every finished pipeline span as one JSON line to <c>{Telemetry:StageLog}/{service}-{pid}.jsonl</c>, for the
/// load test's per-stage table (<c>tools/LoadTest --stage-log</c>); off unless that setting names a folder.
/// </summary>
public sealed class StageLogExporter : BaseExporter<Activity>
{
    public const string SettingName = "Telemetry:StageLog";

    private readonly StreamWriter _writer;
    private readonly string _service;

    public StageLogExporter(string folder, string service)
    {
        Directory.CreateDirectory(folder);
        _service = service;
        _writer = new StreamWriter(Path.Combine(folder, $"{service}-{Environment.ProcessId}.jsonl"), append: true) { AutoFlush = true };
    }

    public override ExportResult Export(in Batch<Activity> batch)
    {
        foreach (var activity in batch)
        {
            if (activity.Source.Name != PipelineTelemetry.SourceName)
            {
                continue;
            }

            _writer.WriteLine(JsonSerializer.Serialize(new StageRecord(
                _service,
                Environment.ProcessId,
                activity.DisplayName,
                activity.GetTagItem(PipelineTelemetry.TrackIdTag) as string,
                activity.StartTimeUtc,
                Math.Round(activity.Duration.TotalMilliseconds, 2),
                activity.GetTagItem(PipelineTelemetry.CpuMillisecondsTag) as double?), JsonSerializerOptions.Web));
        }

        return ExportResult.Success;
    }

    protected override bool OnShutdown(int timeoutMilliseconds)
    {
        _writer.Dispose();
        return true;
    }
}

/// <summary>One line of the stage log.</summary>
public sealed record StageRecord(string Service, int Pid, string Stage, string? TrackId, DateTime StartedAt, double WallMs, double? CpuMs);
