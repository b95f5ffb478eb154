using AudioPlatform.Engine.Tonal;
using AudioPlatform.GroundTruth;
using AudioPlatform.GroundTruth.Composition;
using AudioPlatform.GroundTruth.Midi;

namespace AudioPlatform.Engine.Tests.Tonal;

/// <summary>The generator's MIDI says what its ground truth says (checked by reading the file's bytes back).</summary>
public class GroundTruthMidiTests
{
    private static PieceSpec Design(Meter meter, MusicalKey key, double bpm) =>
        new GenericStyle().Design(new PieceRequest(7, key, meter, bpm, 10), ["unused.sf2"]);

    [Theory]
    [InlineData("4/4", 120, 500000, 4, 2)]
    [InlineData("6/8", 80, 500000, 6, 3)]
    [InlineData("3/4", 90, 666667, 3, 2)]
    public void Conductor_track_carries_tempo_and_time_signature(string meter, double bpm, int microsecondsPerQuarter, int numerator, int denominatorPower)
    {
        var midi = PieceComposer.Compose(Design(Meter.Parse(meter), new MusicalKey(0, KeyMode.Major), bpm));
        using var stream = new MemoryStream();
        midi.Write(stream);
        var bytes = stream.ToArray();

        Assert.Equal("MThd"u8.ToArray(), bytes[..4]);
        var tempo = IndexOf(bytes, [0xFF, 0x51, 0x03]);
        Assert.Equal(microsecondsPerQuarter, (bytes[tempo + 3] << 16) | (bytes[tempo + 4] << 8) | bytes[tempo + 5]);
        var signature = IndexOf(bytes, [0xFF, 0x58, 0x04]);
        Assert.Equal(numerator, bytes[signature + 3]);
        Assert.Equal(denominatorPower, bytes[signature + 4]);
    }

    [Fact]
    public void Key_signature_of_b_flat_minor_has_five_flats()
    {
        var midi = PieceComposer.Compose(Design(Meter.FourFour, new MusicalKey(10, KeyMode.Minor), 100));
        using var stream = new MemoryStream();
        midi.Write(stream);
        var bytes = stream.ToArray();

        var key = IndexOf(bytes, [0xFF, 0x59, 0x02]);
        Assert.Equal(-5, (sbyte)bytes[key + 3]);
        Assert.Equal(1, bytes[key + 4]);
    }

    [Fact]
    public void Same_seed_gives_the_same_file_and_another_seed_another()
    {
        static byte[] Render(int seed)
        {
            var spec = new GenericStyle().Design(new PieceRequest(seed), ["a.sf2"]);
            using var stream = new MemoryStream();
            PieceComposer.Compose(spec).Write(stream);
            return stream.ToArray();
        }

        Assert.Equal(Render(11), Render(11));
        Assert.NotEqual(Render(11), Render(12));
    }

    [Fact]
    public void Pitched_notes_stay_in_the_key_except_the_raised_leading_tone()
    {
        var key = new MusicalKey(2, KeyMode.Major);
        var midi = PieceComposer.Compose(Design(Meter.FourFour, key, 110));
        int[] scale = [0, 2, 4, 5, 7, 9, 11];

        var pitched = midi.Tracks.SelectMany(t => t).Where(e => (e.Status & 0xF0) == 0x90 && (e.Status & 0x0F) != 9).Select(e => (int)e.Data[0]).ToList();

        Assert.NotEmpty(pitched);
        Assert.All(pitched, p => Assert.Contains(((p - key.Tonic) % 12 + 12) % 12, scale));
    }

    [Fact]
    public void Variable_length_quantities_are_written_big_endian_seven_bits_at_a_time()
    {
        using var stream = new MemoryStream();
        MidiFile.WriteVariableLength(stream, 0x0FFFFFFF);
        MidiFile.WriteVariableLength(stream, 0x40);
        MidiFile.WriteVariableLength(stream, 0x2000);

        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0x7F, 0x40, 0xC0, 0x00 }, stream.ToArray());
    }

    [Fact]
    public void A_balanced_set_covers_every_key_and_metre()
    {
        var plan = new GroundTruthSet().Plan(new GroundTruthOptions(48, Seed: 3));

        Assert.Equal(24, plan.Select(p => p.Spec.Key).Distinct().Count());
        Assert.Equal(4, plan.Select(p => p.Spec.Meter).Distinct().Count());
        Assert.All(plan, p => Assert.InRange(p.Spec.Bpm, 60, 200));
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Length; i++)
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
        throw new Xunit.Sdk.XunitException("pattern not found");
    }
}
