using System.Buffers.Binary;
using System.IO.Compression;
using AudioPlatform.Engine.Display;
using AudioPlatform.Engine.Framing;
using AudioPlatform.Engine.Tests.Support;

namespace AudioPlatform.Engine.Tests.Display;

public sealed class DisplayTests
{
    /// <summary>Parses a PNG strictly: signature, chunk CRCs, IHDR, and the inflated IDAT size.</summary>
    internal static (int Width, int Height, byte[] Pixels) ReadPng(byte[] png)
    {
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        var pos = 8;
        int width = 0, height = 0;
        using var idat = new MemoryStream();
        var chunks = new List<string>();
        while (pos < png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            var type = System.Text.Encoding.ASCII.GetString(png, pos + 4, 4);
            var data = png.AsSpan(pos + 8, length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos + 8 + length));
            Assert.Equal(crc, PngEncoder.Crc32(0xFFFFFFFF, png.AsSpan(pos + 4, 4 + length)) ^ 0xFFFFFFFF);
            chunks.Add(type);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                Assert.Equal(8, data[8]);
                Assert.Equal(2, data[9]);
            }
            if (type == "IDAT")
                idat.Write(data);
            pos += 12 + length;
        }
        Assert.Equal("IHDR", chunks[0]);
        Assert.Equal("IEND", chunks[^1]);
        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        z.CopyTo(raw);
        Assert.Equal(height * (1 + width * 3), raw.Length);
        return (width, height, raw.ToArray());
    }

    [Fact]
    public void The_crc_matches_the_standard_check_value()
    {
        Assert.Equal(0xCBF43926u, PngEncoder.Crc32(0xFFFFFFFF, "123456789"u8) ^ 0xFFFFFFFF);
    }

    [Fact]
    public void An_encoded_png_has_a_valid_signature_header_crcs_and_pixel_data()
    {
        var rgb = new byte[5 * 3 * 3];
        rgb[0] = 255;

        var (width, height, raw) = ReadPng(PngEncoder.EncodeRgb(5, 3, rgb));

        Assert.Equal((5, 3), (width, height));
        Assert.Equal(0, raw[0]);   // filter byte
        Assert.Equal(255, raw[1]); // first red
    }

    [Fact]
    public void The_spectrogram_is_a_valid_png_of_the_requested_size_with_a_bright_row_for_a_tone()
    {
        var builder = new SpectrogramBuilder(200, 64);
        var pipeline = new StftPipeline();
        pipeline.Add(builder);
        pipeline.Push(Signals.Sine(2000, 20, FrameSettings.SampleRate, 1, -6));
        pipeline.Complete();

        var (width, height, raw) = ReadPng(builder.BuildPng());

        Assert.Equal((200, 64), (width, height));
        var stride = 1 + width * 3;
        var brightest = Enumerable.Range(0, height).MaxBy(y => raw[y * stride + 1 + 100 * 3] + raw[y * stride + 2 + 100 * 3] + raw[y * stride + 3 + 100 * 3]);
        // 2 kHz on a 30 Hz–11 kHz mel axis sits roughly in the lower-middle of the image (row 0 is the top).
        Assert.InRange(brightest, height / 3, height - 8);
    }

    private static (byte R, byte G, byte B)[] Pixels(byte[] png)
    {
        var (width, height, raw) = ReadPng(png);
        var stride = 1 + width * 3;
        return [.. Enumerable.Range(0, height).SelectMany(y => Enumerable.Range(0, width)
            .Select(x => (raw[y * stride + 1 + x * 3], raw[y * stride + 2 + x * 3], raw[y * stride + 3 + x * 3])))];
    }

    private static byte[] Spectrogram(float[] signal)
    {
        var builder = new SpectrogramBuilder(200, 64);
        var pipeline = new StftPipeline();
        pipeline.Add(builder);
        pipeline.Push(signal);
        pipeline.Complete();
        return builder.BuildPng();
    }

    [Fact]
    public void A_silent_track_renders_as_the_colour_maps_darkest_colour_not_a_bright_block()
    {
        var pixels = Pixels(Spectrogram(new float[FrameSettings.SampleRate * 10]));

        Assert.All(pixels, pixel => Assert.Equal(((byte)0, (byte)0, (byte)4), pixel));
    }

    [Fact]
    public void Noise_below_the_floor_renders_dark_while_a_quiet_tone_still_shows()
    {
        var random = new Random(7);
        var hiss = Enumerable.Range(0, FrameSettings.SampleRate * 10).Select(_ => (float)((random.NextDouble() - 0.5) * 2e-6)).ToArray();
        var tone = Signals.Sine(2000, 10, FrameSettings.SampleRate, 1, -40);

        var hissPixels = Pixels(Spectrogram(hiss));
        var tonePixels = Pixels(Spectrogram(tone));

        Assert.All(hissPixels, pixel => Assert.True(pixel.R + pixel.G + pixel.B < 60, $"hiss drawn as {pixel}"));
        Assert.Contains(tonePixels, pixel => pixel.R + pixel.G + pixel.B > 400);
    }

    [Fact]
    public void Waveform_peaks_have_the_requested_count_and_bound_the_signal_whatever_the_chunking()
    {
        var signal = Signals.Sine(3, 60, FrameSettings.SampleRate, 1, -6); // slow sine, amplitude 0.501
        var a = new WaveformPeaksBuilder(2000);
        var b = new WaveformPeaksBuilder(2000);
        a.Consume(signal);
        for (var o = 0; o < signal.Length; o += 777)
            b.Consume(signal.AsSpan(o, Math.Min(777, signal.Length - o)));

        var peaks = a.Build();

        Assert.Equal(2000, peaks.Min.Length);
        Assert.Equal(2000, peaks.Max.Length);
        Assert.Equal(60.0 / 2000, peaks.SecondsPerPoint, 6);
        Assert.InRange(peaks.Max.Max(), 0.5f, 0.502f);
        Assert.InRange(peaks.Min.Min(), -0.502f, -0.5f);
        Assert.All(Enumerable.Range(0, 2000), i => Assert.True(peaks.Min[i] <= peaks.Max[i]));
        Assert.Equal(peaks.Max, b.Build().Max);
    }

    [Fact]
    public void A_clip_shorter_than_the_point_count_gives_one_point_per_sample()
    {
        var builder = new WaveformPeaksBuilder(2000);
        builder.Consume([0.1f, -0.2f, 0.3f]);

        var peaks = builder.Build();

        Assert.Equal([0.1f, -0.2f, 0.3f], peaks.Max);
    }
}
