using AudioPlatform.Training;

namespace AudioPlatform.Classification.Tests;

/// <summary>The real-recording split that lets some clips into the instrument training while the others stay an unseen test.</summary>
public sealed class RealRecordingSplitTests
{
    private static readonly RealRecording[] Clips =
    [
        Clip("hydrogen-electricempirekit", "drums"), Clip("hydrogen-hardelectro1", "drums"), Clip("hydrogen-varibreaks", "drums"),
        Clip("hydrogen-millo-drums-v-1", "drums"), Clip("hydrogen-millo-multilayered2", "drums"), Clip("hydrogen-audiophob", "drums"),
        Clip("hydrogen-the-black-pearl-1-0", "drums"), Clip("hydrogen-gimme-a-hand-1-0", "percussion"), Clip("hydrogen-circafrique-v4", "percussion"),
        Clip("supersonic-loop_tabla", "percussion"), Clip("supersonic-loop_amen", "drums"), Clip("supersonic-loop_amen_full", "drums"),
        Clip("supersonic-bass_voxy_c", "bass"), Clip("supersonic-bass_voxy_hit_c", "bass"), Clip("supersonic-bass_dnb_f", "bass"),
        Clip("supersonic-guit_em9", "guitar"), Clip("supersonic-guit_e_slide", "guitar"),
    ];

    [Fact]
    public void No_maker_or_sample_pack_is_on_both_sides_of_the_split()
    {
        var (train, test) = RealRecordings.SplitBySource(Clips);

        Assert.Equal(Clips.Length, train.Count + test.Count);
        Assert.Empty(train.Select(r => r.Group).Intersect(test.Select(r => r.Group)));
        Assert.Equal("hydrogen-artemio", Clips[0].Group);
        Assert.Equal(Clips[6].Group, Clips[7].Group);
    }

    [Fact]
    public void An_instrument_with_one_source_stays_in_the_test_and_one_with_several_is_on_both_sides()
    {
        var (train, test) = RealRecordings.SplitBySource(Clips);

        Assert.DoesNotContain(train, r => r.Instrument == "guitar");
        Assert.Contains(test, r => r.Instrument == "guitar");
        foreach (var instrument in new[] { "drums", "bass", "percussion" })
        {
            Assert.Contains(train, r => r.Instrument == instrument);
            Assert.Contains(test, r => r.Instrument == instrument);
        }
    }

    private static RealRecording Clip(string id, string instrument) => new(id, id.Split('-')[0], instrument, $"/nowhere/{id}.wav");
}
