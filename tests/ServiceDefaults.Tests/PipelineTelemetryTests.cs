using System.Diagnostics;
using System.Text.Json;
using AudioPlatform.ServiceDefaults;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace AudioPlatform.ServiceDefaults.Tests;

/// <summary>The stage spans as the load test reads them back from the stage log.</summary>
public sealed class PipelineTelemetryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("audioplatform-stagelog-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private List<StageRecord> Run(Action stages)
    {
        using (Sdk.CreateTracerProviderBuilder()
                   .AddSource(PipelineTelemetry.SourceName)
                   .AddSource("other")
                   .AddProcessor(new SimpleActivityExportProcessor(new StageLogExporter(_folder, "AudioPlatform.Test")))
                   .Build())
        {
            stages();
        }

        var file = Assert.Single(Directory.GetFiles(_folder, "*.jsonl"));
        Assert.Equal($"AudioPlatform.Test-{Environment.ProcessId}.jsonl", Path.GetFileName(file));
        return File.ReadAllLines(file).Select(line => JsonSerializer.Deserialize<StageRecord>(line, JsonSerializerOptions.Web)!).ToList();
    }

    [Fact]
    public void A_stage_on_one_thread_records_its_track_its_wall_time_and_the_cpu_time_it_spent()
    {
        var track = Guid.NewGuid();
        var records = Run(() =>
        {
            using (PipelineTelemetry.StartStage("features", track))
            {
                // A fixed amount of computation (tens of milliseconds), however busy the machine is.
                var x = 0.0;
                for (var i = 0; i < 30_000_000; i++)
                {
                    x += Math.Sqrt(x + i);
                }

                GC.KeepAlive(x);
            }

            using (PipelineTelemetry.StartStage("probe", track))
            {
                Thread.Sleep(100);
            }
        });

        var features = Assert.Single(records, r => r.Stage == "features");
        Assert.Equal(track.ToString(), features.TrackId);
        Assert.Equal("AudioPlatform.Test", features.Service);
        Assert.NotNull(features.CpuMs);
        Assert.True(features.CpuMs > 5, $"a busy stage spent {features.CpuMs} ms of CPU");
        Assert.True(features.CpuMs <= features.WallMs + 1, $"{features.CpuMs} ms of CPU in {features.WallMs} ms on one thread");

        // Waiting costs no CPU: a stage's CPU time is its own thread's, not the wall clock.
        var probe = Assert.Single(records, r => r.Stage == "probe");
        Assert.InRange(probe.WallMs, 100, 10_000);
        Assert.True(probe.CpuMs < probe.WallMs / 2, $"a sleeping stage spent {probe.CpuMs} ms of CPU in {probe.WallMs} ms");
    }

    [Fact]
    public void A_stage_timed_by_the_engine_is_recorded_with_its_own_start_and_duration_and_other_sources_stay_out()
    {
        var track = Guid.NewGuid();
        var start = new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
        using var other = new ActivitySource("other");
        var records = Run(() =>
        {
            PipelineTelemetry.RecordStage("decode", track, start, TimeSpan.FromMilliseconds(420), cpuBound: true);
            PipelineTelemetry.RecordStage("fetch", track, start, TimeSpan.FromMilliseconds(30), cpuBound: false);
            using var unrelated = other.StartActivity("not a stage");
        });

        Assert.Equal(["decode", "fetch"], records.Select(r => r.Stage));
        var decode = records[0];
        Assert.Equal(start.UtcDateTime, decode.StartedAt);
        Assert.Equal(420, decode.WallMs, precision: 1);
        Assert.Equal(420, decode.CpuMs!.Value, precision: 1);
        Assert.Null(records[1].CpuMs);
    }
}
