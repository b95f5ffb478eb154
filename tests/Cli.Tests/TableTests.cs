using System.Text.Json;
using AudioPlatform.Cli;
using AudioPlatform.Cli.Server;

namespace AudioPlatform.Cli.Tests;

/// <summary>The tables show "–" for a tempo or key the analysis could not give, never "0.0".</summary>
public sealed class TableTests
{
    private static string[] Cells(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [Theory]
    [InlineData(null)]
    [InlineData(0.0)]
    [InlineData(double.NaN)]
    public void The_analyze_table_shows_a_dash_for_a_tempo_that_is_missing_or_zero(double? tempo)
    {
        var output = new StringWriter();

        Table.Write(output, [new CliResult { File = "beatless.wav", DurationSeconds = 12, TempoBpm = tempo, TempoConfidence = 0, LoudnessLufs = -20 }]);

        var header = Cells(output.ToString().Split('\n')[0]);
        var row = Cells(output.ToString().Split('\n')[1]);
        Assert.Equal("–", row[Array.IndexOf(header, "BPM")]);
        Assert.Equal("–", row[Array.IndexOf(header, "Key")]);
        Assert.DoesNotContain("0.0", row[..4]);
    }

    [Theory]
    [InlineData("""{ "id": "0b7c9f5e-2d7a-4c55-9d59-4e1a6e0c8f11", "title": "Drone", "status": "analyzed", "analysis": { "durationSeconds": 30, "tempoBpm": null } }""")]
    [InlineData("""{ "id": "0b7c9f5e-2d7a-4c55-9d59-4e1a6e0c8f11", "title": "Drone", "status": "analyzed", "analysis": { "durationSeconds": 30, "tempoBpm": 0 } }""")]
    [InlineData("""{ "id": "0b7c9f5e-2d7a-4c55-9d59-4e1a6e0c8f11", "title": "Drone", "status": "analyzed", "analysis": { "durationSeconds": 30 } }""")]
    [InlineData("""{ "id": "0b7c9f5e-2d7a-4c55-9d59-4e1a6e0c8f11", "title": "Drone", "status": "failed", "error": "The file is empty: it holds no audio." }""")]
    public void The_server_table_shows_a_dash_for_a_tempo_that_is_null_zero_or_absent(string json)
    {
        var result = TrackOutput.ToResult("Drone", JsonDocument.Parse(json).RootElement);
        var output = new StringWriter();

        TrackOutput.WriteTable(output, [result], r => r.Title ?? r.File);

        var lines = output.ToString().Split('\n');
        var header = Cells(lines[0]);
        var row = Cells(lines[1]);
        Assert.Equal("–", row[Array.IndexOf(header, "BPM")]);
        Assert.Equal("–", row[Array.IndexOf(header, "Key")]);
        Assert.DoesNotContain("0.0", lines[1]);
    }
}
