using AudioPlatform.Engine.Decoding;

namespace AudioPlatform.Engine.Tests.Decoding;

/// <summary>The ffprobe JSON mapping, on canned output (no ffprobe needed).</summary>
public sealed class AudioProbeParsingTests
{
    private const string Mp3Json = """
        {
          "streams": [ { "codec_name": "mp3", "sample_rate": "44100", "channels": 2, "bit_rate": "192000", "duration": "180.035918",
                         "tags": { "encoder": "LAME3.100" } } ],
          "format": { "format_name": "mp3", "duration": "180.035918", "bit_rate": "192141",
                      "tags": { "title": "Night Drive", "artist": "The Testers", "album": "Fixtures", "genre": "House", "TBPM": "124", "TKEY": "Am" } }
        }
        """;

    [Fact]
    public void Stream_facts_and_tags_are_mapped()
    {
        var probe = AudioProbe.Parse(Mp3Json, "", 0);

        Assert.Equal(new AudioProbeInfo("mp3", "mp3", 44100, 2, 192000, 180.035918,
            new AudioTags("Night Drive", "The Testers", "Fixtures", "House", "124", "Am")), probe);
    }

    [Fact]
    public void A_duration_guessed_from_the_bit_rate_is_flagged()
    {
        var probe = AudioProbe.Parse(Mp3Json, "[mp3 @ 0x1] Estimating duration from bitrate, this may be inaccurate", 0);

        Assert.True(probe.DurationEstimated);
    }

    [Fact]
    public void Empty_output_means_not_audio()
    {
        var e = Assert.Throws<AudioDecodeException>(() => AudioProbe.Parse("{}", "x.mp3: Invalid argument", 1));

        Assert.Equal(AudioDecodeError.NotAudio, e.Reason);
        Assert.Contains("Invalid argument", e.Message);
    }

    [Fact]
    public void A_container_without_audio_streams_is_not_audio()
    {
        var e = Assert.Throws<AudioDecodeException>(() => AudioProbe.Parse("""{"streams":[],"format":{"format_name":"mov,mp4"}}""", "", 0));

        Assert.Equal(AudioDecodeError.NotAudio, e.Reason);
    }

    [Fact]
    public void An_audio_stream_without_a_rate_is_corrupt()
    {
        var e = Assert.Throws<AudioDecodeException>(() =>
            AudioProbe.Parse("""{"streams":[{"codec_name":"mp3","sample_rate":"0","channels":0}],"format":{"format_name":"mp3"}}""", "", 0));

        Assert.Equal(AudioDecodeError.CorruptData, e.Reason);
    }
}
