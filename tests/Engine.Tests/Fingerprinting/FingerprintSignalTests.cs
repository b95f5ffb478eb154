using AudioPlatform.Engine.Fingerprinting;
using AudioPlatform.Similarity;
using AudioPlatform.Engine.Tests.Support;

namespace AudioPlatform.Engine.Tests.Fingerprinting;

/// <summary>
/// The fingerprint the Analysis service now makes from the signal the engine already decoded (libchromaprint in
/// process) against fpcalc's of the file, which is what the library stored before: they must stay comparable.
/// </summary>
public sealed class FingerprintSignalTests : IDisposable
{
    private static readonly string Recording = Path.Combine(AppContext.BaseDirectory, "Fixtures", "RealMusic", "war-of-freedom-excerpt.ogg");
    private const string MissingReason = "fpcalc, libchromaprint or ffmpeg is not installed (apt-get install libchromaprint-tools ffmpeg)";

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static bool Installed => AudioFingerprint.Fpcalc is not null && SignalFingerprinter.Available && Ffmpeg.Available;

    private static async Task<uint[]> OfTheFile(string path) =>
        (await AudioFingerprint.ComputeAsync(path, TimeSpan.FromSeconds(30), CancellationToken.None) ?? throw new InvalidOperationException($"fpcalc made no fingerprint of {path}")).Points;

    private static async Task<AudioFingerprint> OfTheSignal(string path)
    {
        using var fingerprinter = SignalFingerprinter.TryCreate() ?? throw new InvalidOperationException("libchromaprint is not loadable");
        await new AudioAnalyzer().AnalyzeAsync(path, fingerprinter);
        return fingerprinter.Finish() ?? throw new InvalidOperationException($"no fingerprint of the signal of {path}");
    }

    [SkippableFact]
    public async Task The_fingerprint_of_the_decoded_signal_is_fpcalcs_fingerprint_of_the_file_within_the_matchers_tolerance()
    {
        Skip.IfNot(Installed, MissingReason);

        var (file, signal) = (await OfTheFile(Recording), await OfTheSignal(Recording));

        var similarity = FingerprintMatcher.Similarity(file, signal.Points);
        // The same recording in another encoding scores 0.9 and more; the same decode fingerprinted two ways must do better.
        Assert.True(similarity >= 0.95, $"similarity {similarity:0.000}");
        Assert.InRange(signal.Points.Length, file.Length - 3, file.Length + 3);
    }

    [SkippableFact]
    public async Task A_wav_fingerprinted_by_fpcalc_and_an_mp3_of_it_fingerprinted_from_its_signal_are_the_same_recording()
    {
        Skip.IfNot(Installed, MissingReason);
        var wav = Ffmpeg.Convert(Recording, _temp.File("original.wav"));
        var mp3 = Ffmpeg.Convert(Recording, _temp.File("copy.mp3"), "-c:a", "libmp3lame", "-b:a", "128k");

        var (stored, fresh) = (await OfTheFile(wav), await OfTheSignal(mp3));

        var similarity = FingerprintMatcher.Similarity(stored, fresh.Points);
        Assert.True(similarity >= FingerprintMatcher.SameRecording, $"similarity {similarity:0.000}");
    }

    [SkippableFact]
    public async Task Only_the_first_two_minutes_are_fingerprinted_but_the_duration_is_all_of_it()
    {
        Skip.IfNot(SignalFingerprinter.Available, MissingReason);
        using var fingerprinter = SignalFingerprinter.TryCreate(11025)!;
        var noise = Signals.WhiteNoise(150, 11025, seed: 3);

        fingerprinter.Consume(noise);
        var fingerprint = fingerprinter.Finish()!;

        Assert.Equal(150, fingerprint.DurationSeconds, precision: 6);
        // About 8.07 points a second (4096-sample frames every 1365 samples at 11,025 Hz) over 120 s, not 150.
        Assert.InRange(fingerprint.Points.Length, 940, 975);
    }
}
