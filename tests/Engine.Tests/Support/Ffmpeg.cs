using System.Diagnostics;
using AudioPlatform.Engine.Decoding;

namespace AudioPlatform.Engine.Tests.Support;

/// <summary>Runs ffmpeg for tests that make encoded files or compare against its meters.</summary>
internal static class Ffmpeg
{
    public const string MissingReason = "ffmpeg/ffprobe are not installed (apt-get install ffmpeg)";

    public static bool Available => FfmpegTools.Available;

    /// <summary>Runs ffmpeg with the arguments and returns its stderr; throws when it fails.</summary>
    public static string Run(params string[] args)
    {
        var psi = new ProcessStartInfo(FfmpegTools.Ffmpeg!) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add("-nostdin");
        psi.ArgumentList.Add("-y");
        psi.ArgumentList.Add("-hide_banner");
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        _ = stdout.Result;
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"ffmpeg {string.Join(' ', args)} failed: {stderr}");
        return stderr;
    }

    /// <summary>Encodes <paramref name="source"/> into <paramref name="target"/> with extra codec arguments.</summary>
    public static string Convert(string source, string target, params string[] codecArgs)
    {
        Run(["-v", "error", "-i", source, .. codecArgs, target]);
        return target;
    }
}

/// <summary>A temporary folder deleted with the test class.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "engine-tests-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process may still hold a file; the OS cleans temp eventually.
        }
    }
}
