namespace AudioPlatform.GroundTruth.Rendering;

public enum AudioFormat
{
    Mp3,
    Wav,
    Flac,
    Aiff,
    Ogg,
}

/// <summary>Encodes a rendered WAV into an upload format with ffmpeg.</summary>
public sealed class AudioEncoder(string executable = "ffmpeg")
{
    public static IReadOnlyList<AudioFormat> AllFormats { get; } = Enum.GetValues<AudioFormat>();

    public bool IsAvailable => ExternalTool.IsAvailable(executable);

    public static string Extension(AudioFormat format) => format switch
    {
        AudioFormat.Mp3 => "mp3",
        AudioFormat.Wav => "wav",
        AudioFormat.Flac => "flac",
        AudioFormat.Aiff => "aiff",
        _ => "ogg",
    };

    public Task EncodeAsync(string wavPath, string outputPath, AudioFormat format, CancellationToken cancellationToken = default)
    {
        string[] codec = format switch
        {
            AudioFormat.Mp3 => ["-c:a", "libmp3lame", "-b:a", "192k"],
            AudioFormat.Wav => ["-c:a", "pcm_s16le"],
            AudioFormat.Flac => ["-c:a", "flac"],
            AudioFormat.Aiff => ["-c:a", "pcm_s16be"],
            _ => ["-c:a", "libvorbis", "-q:a", "5"],
        };
        return ExternalTool.RunAsync(executable, ["-hide_banner", "-loglevel", "error", "-y", "-i", wavPath, .. codec, outputPath],
            TimeSpan.FromMinutes(2), cancellationToken);
    }
}
