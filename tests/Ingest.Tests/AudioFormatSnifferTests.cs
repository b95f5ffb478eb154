using System.Text;
using AudioPlatform.Ingest.Model;

namespace AudioPlatform.Ingest.Tests;

public class AudioFormatSnifferTests
{
    private static byte[] Header(string ascii, int length = 64)
    {
        var bytes = new byte[length];
        Encoding.ASCII.GetBytes(ascii).CopyTo(bytes, 0);
        return bytes;
    }

    [Theory]
    [InlineData("RIFF\0\0\0\0WAVEfmt ", "wav")]
    [InlineData("RF64\0\0\0\0WAVEds64", "wav")]
    [InlineData("FORM\0\0\0\0AIFFCOMM", "aiff")]
    [InlineData("FORM\0\0\0\0AIFCFVER", "aiff")]
    [InlineData("fLaC\0\0\0\"", "flac")]
    [InlineData("OggS\0\u0002", "ogg")]
    [InlineData("ID3\u0004\0", "mp3")]
    public void Each_accepted_format_is_recognised_by_its_first_bytes(string header, string format)
    {
        Assert.Equal(format, AudioFormatSniffer.Detect(Header(header)));
    }

    [Fact]
    public void A_bare_mpeg_frame_is_mp3()
    {
        var header = new byte[64];
        header[0] = 0xFF;
        header[1] = 0xFB;

        Assert.Equal("mp3", AudioFormatSniffer.Detect(header));
    }

    [Theory]
    [InlineData("This is just a text file renamed to .mp3")]
    [InlineData("%PDF-1.7")]
    [InlineData("RIFF\0\0\0\0AVI LIST")]
    [InlineData("FORM\0\0\0\08SVX")]
    [InlineData("")]
    public void Anything_else_is_not_audio(string content)
    {
        Assert.Null(AudioFormatSniffer.Detect(Encoding.ASCII.GetBytes(content)));
    }

    [Fact]
    public void An_mpeg_sync_with_a_reserved_layer_is_not_mp3()
    {
        Assert.Null(AudioFormatSniffer.Detect([0xFF, 0xE0, 0x00, 0x00]));
    }
}
