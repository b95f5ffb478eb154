using AudioPlatform.Engine.Tests.Support;

namespace AudioPlatform.Engine.Tests.Analysis;

[CollectionDefinition(nameof(AllocationMeasurements), DisableParallelization = true)]
public sealed class AllocationMeasurements;

/// <summary>
/// The streaming property: analysing eight times more audio must not allocate anything near eight times the
/// decoded signal. Measured with GC.GetTotalAllocatedBytes in a collection that runs alone.
/// </summary>
[Collection(nameof(AllocationMeasurements))]
public sealed class StreamingMemoryTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private async Task<long> AllocatedWhileAnalysing(string path)
    {
        var analyzer = new AudioAnalyzer(new AnalyzerOptions { IncludeSpectrogram = true });
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        await analyzer.AnalyzeAsync(path);
        return GC.GetTotalAllocatedBytes(precise: true) - before;
    }

    [SkippableFact]
    public async Task Allocation_grows_far_slower_than_the_decoded_signal()
    {
        Skip.IfNot(Ffmpeg.Available, Ffmpeg.MissingReason + " (makes the long FLAC inputs)");
        string Make(string name, int seconds)
        {
            var path = _temp.File(name);
            Ffmpeg.Run("-v", "error", "-f", "lavfi", "-i", $"sine=frequency=330:duration={seconds}:sample_rate=44100",
                "-f", "lavfi", "-i", $"anoisesrc=duration={seconds}:sample_rate=44100:amplitude=0.05",
                "-filter_complex", "[0][1]amix=inputs=2,aformat=channel_layouts=stereo", "-c:a", "flac", path);
            return path;
        }
        var short2 = Make("short.flac", 120);
        var long16 = Make("long.flac", 960);
        await AllocatedWhileAnalysing(short2); // JIT and pools warm-up

        var shortBytes = await AllocatedWhileAnalysing(short2);
        var longBytes = await AllocatedWhileAnalysing(long16);

        // 14 more minutes of stereo 44.1 kHz float is 296 MB decoded (74 MB even as 22.05 kHz mono).
        // What may grow: per-frame rhythm/tonal data (~24 bytes a frame), loudness blocks, beat lists: a few MB.
        var extra = longBytes - shortBytes;
        Assert.True(extra < 16L * 1024 * 1024, $"2 min allocated {shortBytes / 1e6:0.0} MB, 16 min {longBytes / 1e6:0.0} MB");
    }
}
