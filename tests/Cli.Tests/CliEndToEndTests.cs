using System.Diagnostics;
using System.Text.Json;
using AudioPlatform.Engine.Tests.Support;

namespace AudioPlatform.Cli.Tests;

/// <summary>Spawns the built command-line tool (audioplatform.dll next to the tests) on a temporary folder.</summary>
public sealed class CliEndToEndTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "audioplatform.dll"));
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            p.Kill(true);
            throw new TimeoutException("The CLI did not finish.");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void Json_mode_prints_one_camelCase_object_per_file_and_fails_the_run_when_a_file_is_broken()
    {
        var sub = Directory.CreateDirectory(_temp.File("nested")).FullName;
        WavWriter.Write(_temp.File("a.wav"), Signals.MusicLike(8, 44100, 120), 44100, 2);
        WavWriter.Write(Path.Combine(sub, "b.wav"), Signals.MusicLike(8, 22050, 90), 22050, 2);
        File.WriteAllText(_temp.File("broken.mp3"), "this is not audio");
        File.WriteAllText(_temp.File("readme.txt"), "ignored: not an audio extension");

        var (exit, stdout, stderr) = Run("analyze", _temp.Path, "--json");

        Assert.Equal(1, exit);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        var docs = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var ok = docs.Where(d => !d.TryGetProperty("error", out _)).ToList();
        Assert.Equal(2, ok.Count);
        foreach (var d in ok)
        {
            foreach (var field in new[] { "file", "durationSeconds", "tempoBpm", "tempoConfidence", "key", "camelot", "timeSignature",
                         "loudnessLufs", "loudnessRange", "truePeakDbtp", "energy", "danceability", "valence", "spectralCentroidHz", "zeroCrossingRate" })
                Assert.True(d.TryGetProperty(field, out _), $"missing {field} in {d}");
            Assert.Equal(8, d.GetProperty("durationSeconds").GetDouble(), 2);
            Assert.Matches(@"^[A-G][#b]? (major|minor)$", d.GetProperty("key").GetString());
            Assert.Matches(@"^\d/\d$", d.GetProperty("timeSignature").GetString());
        }
        var failed = Assert.Single(docs, d => d.TryGetProperty("error", out _));
        Assert.EndsWith("broken.mp3", failed.GetProperty("file").GetString());
        Assert.DoesNotContain("[#", stderr); // no progress bar when stderr is redirected
    }

    [Fact]
    public void Table_mode_prints_a_header_and_a_row_per_file_and_succeeds()
    {
        WavWriter.Write(_temp.File("one.wav"), Signals.MusicLike(6, 44100), 44100, 2);

        var (exit, stdout, _) = Run("analyze", _temp.File("one.wav"));

        Assert.Equal(0, exit);
        Assert.Contains("BPM", stdout);
        Assert.Contains("one.wav", stdout);
    }

    [Fact]
    public void Usage_errors_exit_with_2()
    {
        Assert.Equal(2, Run().ExitCode);
        Assert.Equal(2, Run("analyze", "--bogus").ExitCode);
        Assert.Equal(2, Run("transmogrify").ExitCode);
    }
}
