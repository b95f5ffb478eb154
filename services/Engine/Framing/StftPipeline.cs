using System.Numerics;
using System.Runtime.InteropServices;
using AudioPlatform.Engine.Dsp;

namespace AudioPlatform.Engine.Framing;

/// <summary>
/// Cuts the mono analysis signal into centred frames on the <see cref="FrameSettings"/> grid (frame i is centred
/// on sample i·HopSize, zero-padded at both ends, 1 + ⌊N/HopSize⌋ frames), applies a periodic Hann window,
/// computes the magnitude spectrum once and hands both to every registered <see cref="IFrameConsumer"/>.
/// Memory is one frame plus the current input chunk, whatever the track length.
/// </summary>
public sealed class StftPipeline
{
    private readonly List<IFrameConsumer> _frameConsumers = new();
    private readonly List<ISampleConsumer> _sampleConsumers = new();
    private readonly FastRealFft _fft = new(FrameSettings.FftSize);
    private readonly float[] _window = new float[FrameSettings.FftSize];
    private readonly float[] _windowed = new float[FrameSettings.FftSize];
    private readonly float[] _magnitudes = new float[FrameSettings.BinCount];
    private float[] _buffer = new float[FrameSettings.FftSize * 4];
    private int _count;
    private long _bufferStart; // padded-signal index of _buffer[0]
    private int _nextFrame;
    private long _samples;
    private bool _completed;

    public StftPipeline()
    {
        for (var i = 0; i < _window.Length; i++)
            _window[i] = (float)(0.5 - 0.5 * Math.Cos(2 * Math.PI * i / FrameSettings.FftSize));
        // The first frame is centred on sample 0: half a frame of zeros in front.
        _count = FrameSettings.FftSize / 2;
    }

    /// <summary>Samples pushed so far.</summary>
    public long SampleCount => _samples;

    /// <summary>Frames emitted so far.</summary>
    public int FrameCount => _nextFrame;

    public void Add(IFrameConsumer consumer) => _frameConsumers.Add(consumer);
    public void Add(ISampleConsumer consumer) => _sampleConsumers.Add(consumer);

    public void Push(ReadOnlySpan<float> samples)
    {
        if (_completed)
            throw new InvalidOperationException("The pipeline has been completed.");
        foreach (var c in _sampleConsumers)
            c.Consume(samples);
        _samples += samples.Length;
        Append(samples);
        EmitFrames(long.MaxValue);
    }

    /// <summary>Pads the end and emits the last frames. Call once after the last <see cref="Push"/>.</summary>
    public void Complete()
    {
        if (_completed)
            return;
        _completed = true;
        Span<float> zeros = stackalloc float[FrameSettings.FftSize];
        zeros.Clear();
        Append(zeros);
        var lastFrame = _samples / FrameSettings.HopSize;
        EmitFrames(lastFrame + 1);
    }

    private void Append(ReadOnlySpan<float> samples)
    {
        if (_count + samples.Length > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _count + samples.Length));
        samples.CopyTo(_buffer.AsSpan(_count));
        _count += samples.Length;
    }

    private void EmitFrames(long frameLimit)
    {
        while (_nextFrame < frameLimit)
        {
            var start = (long)_nextFrame * FrameSettings.HopSize - _bufferStart;
            if (start + FrameSettings.FftSize > _count)
                break;
            var frame = _buffer.AsSpan((int)start, FrameSettings.FftSize);
            var samples = MemoryMarshal.Cast<float, Vector<float>>(frame);
            var window = MemoryMarshal.Cast<float, Vector<float>>(_window.AsSpan());
            var windowed = MemoryMarshal.Cast<float, Vector<float>>(_windowed.AsSpan());
            for (var i = 0; i < samples.Length; i++)
                windowed[i] = samples[i] * window[i];
            _fft.Magnitudes(_windowed, _magnitudes);
            foreach (var c in _frameConsumers)
                c.Consume(_nextFrame, frame, _magnitudes);
            _nextFrame++;
        }

        var keepFrom = (int)Math.Min(_count, (long)_nextFrame * FrameSettings.HopSize - _bufferStart);
        if (keepFrom > 0)
        {
            _buffer.AsSpan(keepFrom, _count - keepFrom).CopyTo(_buffer);
            _count -= keepFrom;
            _bufferStart += keepFrom;
        }
    }
}
