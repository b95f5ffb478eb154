using AudioPlatform.Engine.Framing;
using NWaves.Transforms;

namespace AudioPlatform.Engine.Tests.Rhythm;

/// <summary>Signals made in C# at the analysis rate, and a plain STFT that feeds frame consumers the way the engine does.</summary>
internal static class SyntheticAudio
{
    public const int Rate = FrameSettings.SampleRate;

    /// <summary>Frames centred on multiples of the hop (zero-padded at the edges), Hann-windowed magnitudes.</summary>
    public static void Feed(float[] signal, params IFrameConsumer[] consumers)
    {
        var fft = new RealFft(FrameSettings.FftSize);
        var window = new float[FrameSettings.FftSize];
        for (var i = 0; i < window.Length; i++) window[i] = (float)(0.5 - 0.5 * Math.Cos(2 * Math.PI * i / window.Length));
        var frame = new float[FrameSettings.FftSize];
        var windowed = new float[FrameSettings.FftSize];
        var magnitudes = new float[FrameSettings.BinCount];
        var frames = signal.Length / FrameSettings.HopSize + 1;
        for (var f = 0; f < frames; f++)
        {
            var start = f * FrameSettings.HopSize - FrameSettings.FftSize / 2;
            for (var i = 0; i < frame.Length; i++)
            {
                var s = start + i;
                frame[i] = s >= 0 && s < signal.Length ? signal[s] : 0;
                windowed[i] = frame[i] * window[i];
            }
            fft.MagnitudeSpectrum(windowed, magnitudes);
            foreach (var consumer in consumers) consumer.Consume(f, frame, magnitudes);
        }
    }

    public static float[] Silence(double seconds) => new float[(int)(seconds * Rate)];

    /// <summary>A decaying tone burst (a click) added at a time.</summary>
    public static void AddClick(float[] signal, double time, double frequency, double amplitude, double decaySeconds = 0.03)
    {
        var start = (int)(time * Rate);
        var length = (int)(decaySeconds * 6 * Rate);
        for (var i = 0; i < length && start + i < signal.Length; i++)
        {
            var t = (double)i / Rate;
            signal[start + i] += (float)(amplitude * Math.Exp(-t / decaySeconds) * Math.Sin(2 * Math.PI * frequency * t));
        }
    }

    /// <summary>A harmonic tone (six partials falling as 1/h) with a short attack and release.</summary>
    public static void AddTone(float[] signal, double start, double duration, double frequency, double amplitude)
    {
        var first = (int)(start * Rate);
        var length = (int)(duration * Rate);
        for (var i = 0; i < length && first + i < signal.Length; i++)
        {
            var t = (double)i / Rate;
            var envelope = Math.Min(1, t / 0.01) * Math.Min(1, (duration - t) / 0.05) * Math.Exp(-t / 2);
            double value = 0;
            for (var h = 1; h <= 6; h++)
            {
                var f = frequency * h;
                if (f >= Rate / 2.0) break;
                value += Math.Sin(2 * Math.PI * f * t) / h;
            }
            signal[first + i] += (float)(amplitude * envelope * value);
        }
    }

    public static double MidiToHz(int note) => 440 * Math.Pow(2, (note - 69) / 12.0);

    public static float[] ClickTrack(double bpm, double seconds)
    {
        var signal = Silence(seconds);
        var period = 60 / bpm;
        for (var t = 0.1; t < seconds - 0.2; t += period) AddClick(signal, t, 1000, 0.5);
        return signal;
    }
}
