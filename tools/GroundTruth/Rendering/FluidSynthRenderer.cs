namespace AudioPlatform.GroundTruth.Rendering;

/// <summary>Renders MIDI to a 44.1 kHz stereo WAV with fluidsynth and a General MIDI soundfont.</summary>
public sealed class FluidSynthRenderer(string executable = "fluidsynth")
{
    /// <summary>The Debian soundfonts (fluid-soundfont-gm, timgm6mb-soundfont).</summary>
    public static IReadOnlyList<string> DebianSoundFonts { get; } =
        ["/usr/share/sounds/sf2/FluidR3_GM.sf2", "/usr/share/sounds/sf2/TimGM6mb.sf2"];

    public static IReadOnlyList<string> InstalledSoundFonts() => DebianSoundFonts.Where(File.Exists).ToList();

    public bool IsAvailable => ExternalTool.IsAvailable(executable) && InstalledSoundFonts().Count > 0;

    public Task RenderAsync(string midiPath, string wavPath, string soundFont, CancellationToken cancellationToken = default) =>
        ExternalTool.RunAsync(executable, ["-ni", "-q", "-F", wavPath, "-r", "44100", "-g", "0.8", soundFont, midiPath],
            TimeSpan.FromMinutes(2), cancellationToken);
}
