using AudioPlatform.Engine.Fingerprinting;
using AudioPlatform.Similarity;
using AudioPlatform.Engine.Tests.Support;

namespace AudioPlatform.Engine.Tests.Fingerprinting;

/// <summary>Chromaprint's fpcalc on a real recording (the CI fixture) in other encodings, cut, and against other audio.</summary>
public sealed class FingerprintTests : IDisposable
{
    private static readonly string Recording = Path.Combine(AppContext.BaseDirectory, "Fixtures", "RealMusic", "war-of-freedom-excerpt.ogg");
    private static readonly string MissingReason = "fpcalc is not installed (apt-get install libchromaprint-tools)";

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static async Task<uint[]> Fingerprint(string path) =>
        (await AudioFingerprint.ComputeAsync(path, TimeSpan.FromSeconds(30), CancellationToken.None) ?? throw new InvalidOperationException($"no fingerprint for {path}")).Points;

    [SkippableFact]
    public async Task The_same_recording_as_a_low_bitrate_mp3_is_the_same_recording()
    {
        Skip.If(AudioFingerprint.Fpcalc is null || !Ffmpeg.Available, MissingReason);
        var mp3 = Ffmpeg.Convert(Recording, _temp.File("copy.mp3"), "-c:a", "libmp3lame", "-b:a", "96k");
        var (original, copy) = (await Fingerprint(Recording), await Fingerprint(mp3));
        var similarity = FingerprintMatcher.Similarity(original, copy);
        Assert.True(similarity >= FingerprintMatcher.SameRecording, $"similarity {similarity:0.000}");
    }

    [SkippableFact]
    public async Task A_copy_with_two_seconds_cut_from_the_start_is_still_found()
    {
        Skip.If(AudioFingerprint.Fpcalc is null || !Ffmpeg.Available, MissingReason);
        var cut = Ffmpeg.Convert(Recording, _temp.File("cut.flac"), "-ss", "2");
        var (original, shortened) = (await Fingerprint(Recording), await Fingerprint(cut));
        var similarity = FingerprintMatcher.Similarity(original, shortened);
        Assert.True(similarity >= FingerprintMatcher.SameRecording, $"similarity {similarity:0.000}");
    }

    [SkippableFact]
    public async Task Other_audio_is_not_the_same_recording()
    {
        Skip.If(AudioFingerprint.Fpcalc is null || !Ffmpeg.Available, MissingReason);
        var other = _temp.File("other.wav");
        Ffmpeg.Run("-v", "error", "-f", "lavfi", "-i", "anoisesrc=color=pink:duration=10:seed=7,volume=0.3", "-f", "lavfi", "-i",
            "sine=frequency=220:duration=10", "-filter_complex", "amix=inputs=2", other);
        var pitched = Ffmpeg.Convert(Recording, _temp.File("pitched.wav"), "-af", "asetrate=44100*1.26,aresample=44100");
        var original = await Fingerprint(Recording);
        var (otherPrint, pitchedPrint) = (await Fingerprint(other), await Fingerprint(pitched));
        var noise = FingerprintMatcher.Similarity(original, otherPrint);
        var shifted = FingerprintMatcher.Similarity(original, pitchedPrint);
        Assert.True(noise < 0.7, $"noise similarity {noise:0.000}");
        Assert.True(shifted < FingerprintMatcher.SameRecording, $"a third higher: similarity {shifted:0.000}");
    }

    [Fact]
    public void A_fingerprint_as_bytes_reads_back_the_same_and_matches_itself()
    {
        var points = new uint[] { 0, 1, 0xDEADBEEF, uint.MaxValue };
        var bytes = FingerprintMatcher.ToBytes(points);
        Assert.Equal(new byte[] { 0xEF, 0xBE, 0xAD, 0xDE }, bytes[8..12]);
        Assert.Equal(points, FingerprintMatcher.FromBytes(bytes));
    }

    [Fact]
    public void Fingerprints_that_never_overlap_enough_are_not_similar() =>
        Assert.Equal(0, FingerprintMatcher.Similarity(new uint[10], new uint[10]));

    [Fact]
    public void A_fingerprint_is_identical_to_itself_at_any_alignment()
    {
        var points = Enumerable.Range(0, 200).Select(i => (uint)(i * 2654435761u)).ToArray();
        Assert.Equal(1, FingerprintMatcher.Similarity(points, points));
        Assert.Equal(1, FingerprintMatcher.Similarity(points, points.AsSpan(30).ToArray()));
    }
}
