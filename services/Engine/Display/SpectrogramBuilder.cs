using AudioPlatform.Engine.Framing;
using AudioPlatform.Engine.Spectral;

namespace AudioPlatform.Engine.Display;

/// <summary>
/// A mel-frequency spectrogram image (low frequencies at the bottom) from the shared STFT frames.
/// Columns are averaged power over a growing number of frames: the builder keeps between W and 2W columns and
/// merges neighbours when full, so memory is fixed for any duration. The image is coloured with a magma-like map over
/// an 80 dB range that ends at the loudest cell, but never below <see cref="FloorDbfs"/>: silence (and anything quieter
/// than the floor) is the map's darkest colour, however quiet the whole track is, instead of being stretched up to fill
/// the scale (a silent track used to come out as one bright block).
/// </summary>
public sealed class SpectrogramBuilder : IFrameConsumer
{
    private const double DynamicRangeDb = 80;

    /// <summary>The level drawn black: about that of a sine at −100 dBFS in one band.</summary>
    public const double FloorDbfs = -100;

    /// <summary>One frame's band power for a full-scale sine at the band's centre (Hann window, coherent gain ½).</summary>
    private const float FullScalePower = FrameSettings.FftSize / 4f * (FrameSettings.FftSize / 4f);

    private readonly int _width;
    private readonly int _height;
    private readonly MelFilterBank _bank;
    private readonly float[] _columns; // (2W) × H, column-major
    private readonly float[] _bands;
    private int _columnCount;
    private int _framesPerColumn = 1;
    private int _framesInColumn;

    public SpectrogramBuilder(int width = 1024, int height = 256, double minHz = 30)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 2);
        _width = width;
        _height = height;
        _bank = new MelFilterBank(height, minHz, FrameSettings.SampleRate / 2.0);
        _columns = new float[2 * width * height];
        _bands = new float[height];
    }

    public void Consume(int frameIndex, ReadOnlySpan<float> samples, ReadOnlySpan<float> magnitudes)
    {
        if (_framesInColumn == 0)
        {
            if (_columnCount == 2 * _width)
                Halve();
            _columns.AsSpan(_columnCount * _height, _height).Clear();
            _columnCount++;
        }
        _bank.ApplyPower(magnitudes, _bands);
        var column = _columns.AsSpan((_columnCount - 1) * _height, _height);
        for (var r = 0; r < _height; r++)
            column[r] += _bands[r];
        if (++_framesInColumn == _framesPerColumn)
            _framesInColumn = 0;
    }

    private void Halve()
    {
        for (var c = 0; c < _columnCount / 2; c++)
        {
            var a = _columns.AsSpan(2 * c * _height, _height);
            var b = _columns.AsSpan((2 * c + 1) * _height, _height);
            var dst = _columns.AsSpan(c * _height, _height);
            for (var r = 0; r < _height; r++)
                dst[r] = a[r] + b[r];
        }
        _columnCount /= 2;
        _framesPerColumn *= 2;
    }

    /// <summary>Renders the PNG (W×H; an empty or silent track gives a black image).</summary>
    public byte[] BuildPng()
    {
        var db = new float[_width * _height];
        var max = float.MinValue;
        for (var x = 0; x < _width; x++)
        {
            var source = _columnCount == 0 ? -1 : (int)((long)x * _columnCount / _width);
            // Columns hold sums over their frames; the last one may not be full yet.
            var frames = source == _columnCount - 1 && _framesInColumn > 0 ? _framesInColumn : _framesPerColumn;
            for (var r = 0; r < _height; r++)
            {
                var v = source < 0 ? -200f : 10f * MathF.Log10(_columns[source * _height + r] / frames / FullScalePower + 1e-20f);
                db[r * _width + x] = v;
                if (v > max)
                    max = v;
            }
        }

        var top = Math.Max(max, FloorDbfs + DynamicRangeDb);
        var bottom = top - DynamicRangeDb;
        var rgb = new byte[_width * _height * 3];
        for (var r = 0; r < _height; r++)
        {
            var y = _height - 1 - r;
            for (var x = 0; x < _width; x++)
            {
                var level = (float)Math.Clamp((db[r * _width + x] - bottom) / DynamicRangeDb, 0, 1);
                ColorMap.Magma(level, rgb.AsSpan((y * _width + x) * 3, 3));
            }
        }
        return PngEncoder.EncodeRgb(_width, _height, rgb);
    }
}

/// <summary>Perceptually ordered dark-to-bright colour map (piecewise-linear approximation of matplotlib's magma).</summary>
internal static class ColorMap
{
    private static readonly float[,] Stops =
    {
        { 0.00f, 0, 0, 4 }, { 0.13f, 28, 16, 68 }, { 0.25f, 79, 18, 123 }, { 0.38f, 129, 37, 129 },
        { 0.50f, 181, 54, 122 }, { 0.63f, 229, 80, 100 }, { 0.75f, 251, 135, 97 }, { 0.88f, 254, 194, 135 },
        { 1.00f, 252, 253, 191 },
    };

    public static void Magma(float t, Span<byte> rgb)
    {
        var n = Stops.GetLength(0);
        var i = 1;
        while (i < n - 1 && t > Stops[i, 0])
            i++;
        var t0 = Stops[i - 1, 0];
        var t1 = Stops[i, 0];
        var f = Math.Clamp((t - t0) / (t1 - t0), 0, 1);
        for (var c = 0; c < 3; c++)
            rgb[c] = (byte)MathF.Round(Stops[i - 1, c + 1] + f * (Stops[i, c + 1] - Stops[i - 1, c + 1]));
    }
}
