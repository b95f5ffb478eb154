using System.Diagnostics;
using AudioPlatform.AudioTags;
using AudioPlatform.Contracts;
using AudioPlatform.Ingest.Model;
using AudioPlatform.Storage;

namespace AudioPlatform.Ingest.Tests;

/// <summary>
/// A tagged copy carries the owner's corrections over the analysis's values: what Ingest keeps from <c>TrackCorrected</c>
/// wins over what it kept from <c>AnalysisCompleted</c>, survives a re-analysis, and an older correction never overwrites a newer one.
/// </summary>
public sealed class FileTagCorrectionsTests : IDisposable
{
    private const string UserId = "tag-user";
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("audioplatform-file-tags-");
    private readonly LocalDiskObjectStorage _storage;
    private readonly Guid _trackId = Guid.NewGuid();

    public FileTagCorrectionsTests() => _storage = new LocalDiskObjectStorage(Path.Combine(_directory.FullName, "store"));

    public void Dispose() => _directory.Delete(recursive: true);

    private Task AnalysedAsync(double tempo) => FileTagValues.SaveAsync(_storage, UserId, _trackId, FileTagValues.FromAnalysis(
        $$"""{ "tempoBpm": {{tempo}}, "key": "C major", "camelot": "8B", "genres": [{ "name": "house", "confidence": 0.6 }], "moods": [] }"""),
        CancellationToken.None);

    private Task CorrectedAsync(double? tempo, string? key, string? camelot, DateTimeOffset at, IReadOnlyList<string>? genres = null) =>
        FileTagValues.SaveCorrectionsAsync(_storage, new TrackCorrected(_trackId, tempo, key, camelot, null, genres, null, null)
        {
            UserId = UserId, CorrelationId = _trackId, OccurredAt = at,
        }, CancellationToken.None);

    [Fact]
    public async Task A_tagged_copy_carries_the_corrected_bpm_and_key_over_the_analysis()
    {
        await AnalysedAsync(85);
        await CorrectedAsync(170, "A minor", "8A", T0, ["drum-and-bass"]);
        var values = (await FileTagValues.LoadAsync(_storage, UserId, _trackId, CancellationToken.None))!;
        var path = Path.Combine(_directory.FullName, "copy.mp3");
        Run("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-c:a", "libmp3lame", path]);

        AnalysisTagWriter.Write(path, "mp3", values);

        using var file = TagLib.File.Create(new TagLib.File.LocalFileAbstraction(path), "taglib/mp3", TagLib.ReadStyle.None);
        Assert.Equal(170u, file.Tag.BeatsPerMinute);
        Assert.Equal("Am", file.Tag.InitialKey);
        Assert.Equal(["drum-and-bass"], file.Tag.Genres);
    }

    [Fact]
    public async Task Corrections_survive_a_reanalysis_and_an_older_correction_is_ignored()
    {
        await AnalysedAsync(85);
        await CorrectedAsync(170, null, null, T0.AddMinutes(2));
        await CorrectedAsync(42.5, "A minor", "8A", T0.AddMinutes(1));
        await AnalysedAsync(86);

        var values = (await FileTagValues.LoadAsync(_storage, UserId, _trackId, CancellationToken.None))!;

        Assert.Equal((170.0, "C major", "8B"), (values.TempoBpm, values.Key, values.Camelot));
        Assert.Equal(["house"], values.Genres);
    }

    [Fact]
    public async Task Cleared_corrections_leave_the_analysis_values()
    {
        await AnalysedAsync(85);
        await CorrectedAsync(170, "A minor", "8A", T0);
        await CorrectedAsync(null, null, null, T0.AddMinutes(1));

        var values = (await FileTagValues.LoadAsync(_storage, UserId, _trackId, CancellationToken.None))!;

        Assert.Equal((85.0, "C major", "8B"), (values.TempoBpm, values.Key, values.Camelot));
    }

    private static void Run(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
    }
}
