namespace AudioPlatform.Engine.Decoding;

/// <summary>
/// Finds ffmpeg and ffprobe: the AUDIOPLATFORM_FFMPEG / AUDIOPLATFORM_FFPROBE variables when set
/// (an empty value disables the tool, which forces the managed decoders), otherwise the PATH.
/// </summary>
public static class FfmpegTools
{
    private static readonly Lazy<string?> FfmpegPath = new(() => Locate("ffmpeg", "AUDIOPLATFORM_FFMPEG"));
    private static readonly Lazy<string?> FfprobePath = new(() => Locate("ffprobe", "AUDIOPLATFORM_FFPROBE"));

    public static string? Ffmpeg => FfmpegPath.Value;
    public static string? Ffprobe => FfprobePath.Value;
    public static bool Available => Ffmpeg is not null && Ffprobe is not null;

    /// <summary>The tool named by <paramref name="variable"/> when set (empty: none), otherwise <paramref name="name"/> on the PATH.</summary>
    internal static string? Locate(string name, string variable)
    {
        var configured = Environment.GetEnvironmentVariable(variable);
        if (configured is not null)
            return configured.Length > 0 && File.Exists(configured) ? configured : null;

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        var fileName = OperatingSystem.IsWindows() ? name + ".exe" : name;
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, fileName);
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }
}
