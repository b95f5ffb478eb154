namespace AudioPlatform.GroundTruth.Rendering;

/// <summary>
/// The files of one generated piece, for both sets (<c>GroundTruthSet</c>, <c>GenreSet</c>): its audio and its JSON
/// sidecar. Work files carry a unique suffix and results are moved into place, so two processes (parallel test runs)
/// can build the same cached set at once; the sidecar is written last and marks a finished piece.
/// </summary>
internal sealed record PieceFiles(string Directory, string Id, AudioFormat Format)
{
    public string AudioPath => Path.Combine(Directory, $"{Id}.{AudioEncoder.Extension(Format)}");

    public string SidecarPath => Path.Combine(Directory, $"{Id}.json");

    /// <summary>Where <see cref="WriteAsync"/>'s render step writes: the MIDI, the synthesiser's WAV and the encoded audio.</summary>
    public sealed record Work(string Midi, string Wav, string Audio);

    /// <summary>Renders into work files, then moves the audio (and the MIDI to <paramref name="keepMidiAt"/>) into place and writes the sidecar.</summary>
    public async Task WriteAsync(Func<Work, Task> render, string sidecarJson, string? keepMidiAt, CancellationToken cancellationToken)
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var work = new Work(
            Path.Combine(Directory, $"{Id}.{unique}.mid"),
            Path.Combine(Directory, $"{Id}.{unique}.render.wav"),
            Path.Combine(Directory, $"{Id}.{unique}.{AudioEncoder.Extension(Format)}"));
        try
        {
            await render(work);
            if (keepMidiAt is not null) File.Move(work.Midi, keepMidiAt, overwrite: true);
            File.Move(work.Audio, AudioPath, overwrite: true);
            var sidecarWork = SidecarPath + "." + unique;
            await File.WriteAllTextAsync(sidecarWork, sidecarJson, cancellationToken);
            File.Move(sidecarWork, SidecarPath, overwrite: true);
        }
        finally
        {
            foreach (var file in new[] { work.Midi, work.Wav, work.Audio })
                if (File.Exists(file)) File.Delete(file);
        }
    }
}
