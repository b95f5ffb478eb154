using System.Diagnostics;

namespace AudioPlatform.Training;

/// <summary>One non-music or near-music probe: its kind (what the report groups by) and its audio file.</summary>
public sealed record Probe(string Kind, string Id, string File);

/// <summary>
/// Signals the genre, mood and instrument models must not label: silence, test tones, noise, sweeps, DTMF-like
/// tone pairs, a sine with clicks, a bare click track, a formant-synthesised speech-like babble, and real synthetic
/// speech from Debian's espeak-ng (several voices and speeds) when it is installed. All generated here, seeded, so the
/// out-of-distribution rates in the model cards are rebuilt by the training command alone.
/// </summary>
public static class ProbeSignals
{
    public const int Rate = 44100;
    public const double Seconds = 12;

    /// <summary>The generated kinds, each with a few variants: name → samples (mono, −1..1).</summary>
    public static IEnumerable<(string Kind, string Id, float[] Samples)> Generated()
    {
        yield return ("silence", "silence", new float[(int)(Rate * Seconds)]);
        foreach (var hz in new[] { 55.0, 220, 440, 1000, 5000 }) yield return ("sine", $"sine-{hz:0}", Sine(hz, 0.5));
        foreach (var hz in new[] { 440.0, 1000 }) yield return ("sine-and-clicks", $"sine-{hz:0}-clicks", SineWithClicks(hz, 120));
        foreach (var bpm in new[] { 90.0, 128 }) yield return ("click-track", $"clicks-{bpm:0}", SineWithClicks(0, bpm));
        foreach (var colour in new[] { "white", "pink", "brown" })
            for (var seed = 1; seed <= 2; seed++) yield return ("noise", $"{colour}-noise-{seed}", Noise(colour, seed));
        for (var seed = 1; seed <= 3; seed++) yield return ("dtmf", $"dtmf-{seed}", Dtmf(seed));
        yield return ("sweep", "sweep-log-20-20000", Sweep(20, 20000, logarithmic: true));
        yield return ("sweep", "sweep-linear-100-2000", Sweep(100, 2000, logarithmic: false));
        for (var seed = 1; seed <= 3; seed++) yield return ("speech-like", $"babble-{seed}", SpeechLike(seed));
    }

    public static float[] Sine(double hz, double amplitude)
    {
        var samples = new float[(int)(Rate * Seconds)];
        for (var i = 0; i < samples.Length; i++) samples[i] = (float)(amplitude * Math.Sin(2 * Math.PI * hz * i / Rate));
        return samples;
    }

    /// <summary>A sine (none when <paramref name="hz"/> is 0) with a 2 ms click on every beat: the classic test signal.</summary>
    public static float[] SineWithClicks(double hz, double bpm)
    {
        var samples = hz > 0 ? Sine(hz, 0.3) : new float[(int)(Rate * Seconds)];
        var period = (int)(Rate * 60 / bpm);
        for (var start = 0; start < samples.Length; start += period)
            for (var i = 0; i < Rate / 500 && start + i < samples.Length; i++)
                samples[start + i] += (float)(0.6 * Math.Exp(-i / 20.0) * (i % 2 == 0 ? 1 : -1));
        return samples;
    }

    public static float[] Noise(string colour, int seed)
    {
        var random = new Random(seed);
        var samples = new float[(int)(Rate * Seconds)];
        double b0 = 0, b1 = 0, b2 = 0, brown = 0;
        for (var i = 0; i < samples.Length; i++)
        {
            var white = 2 * random.NextDouble() - 1;
            samples[i] = (float)(colour switch
            {
                // Paul Kellet's economy pink filter.
                "pink" => 0.25 * ((b0 = 0.99765 * b0 + white * 0.0990460) + (b1 = 0.96300 * b1 + white * 0.2965164) + (b2 = 0.57000 * b2 + white * 1.0526913) + white * 0.1848),
                "brown" => 3.5 * (brown = 0.998 * brown + white * 0.02),
                _ => 0.3 * white,
            });
        }
        return samples;
    }

    /// <summary>Telephone key tones: a low and a high DTMF frequency together for 150 ms, then 100 ms of silence.</summary>
    public static float[] Dtmf(int seed)
    {
        double[] low = [697, 770, 852, 941], high = [1209, 1336, 1477];
        var random = new Random(seed);
        var samples = new float[(int)(Rate * Seconds)];
        var tone = (int)(0.15 * Rate);
        var gap = (int)(0.1 * Rate);
        for (var start = 0; start + tone < samples.Length; start += tone + gap)
        {
            var (f1, f2) = (low[random.Next(low.Length)], high[random.Next(high.Length)]);
            for (var i = 0; i < tone; i++) samples[start + i] = (float)(0.25 * (Math.Sin(2 * Math.PI * f1 * i / Rate) + Math.Sin(2 * Math.PI * f2 * i / Rate)));
        }
        return samples;
    }

    public static float[] Sweep(double from, double to, bool logarithmic)
    {
        var samples = new float[(int)(Rate * Seconds)];
        var phase = 0.0;
        for (var i = 0; i < samples.Length; i++)
        {
            var t = (double)i / samples.Length;
            var hz = logarithmic ? from * Math.Pow(to / from, t) : from + (to - from) * t;
            phase += 2 * Math.PI * hz / Rate;
            samples[i] = (float)(0.4 * Math.Sin(phase));
        }
        return samples;
    }

    /// <summary>
    /// Speech-like babble: a glottal pulse train gliding around 100–220 Hz through three formant resonators that move
    /// between vowels every syllable (~4 per second), with consonant noise bursts and pauses between phrases.
    /// </summary>
    public static float[] SpeechLike(int seed)
    {
        (double F1, double F2, double F3)[] vowels = [(730, 1090, 2440), (270, 2290, 3010), (300, 870, 2240), (530, 1840, 2480), (570, 840, 2410), (660, 1720, 2410)];
        var random = new Random(seed);
        var samples = new float[(int)(Rate * Seconds)];
        var baseF0 = 100 + 120 * random.NextDouble();
        var resonators = new Resonator[3];
        for (var r = 0; r < 3; r++) resonators[r] = new Resonator();
        var position = 0;
        var phase = 0.0;
        while (position < samples.Length)
        {
            var syllables = random.Next(4, 12);
            for (var s = 0; s < syllables && position < samples.Length; s++)
            {
                var length = (int)(Rate * (0.12 + 0.18 * random.NextDouble()));
                var vowel = vowels[random.Next(vowels.Length)];
                var f0 = baseF0 * (0.85 + 0.3 * random.NextDouble());
                var burst = (int)(Rate * 0.03 * random.NextDouble());
                for (var i = 0; i < length && position < samples.Length; i++, position++)
                {
                    var envelope = Math.Sin(Math.PI * i / length);
                    double source;
                    if (i < burst) source = 0.3 * (2 * random.NextDouble() - 1);
                    else
                    {
                        phase += f0 * (1 + 0.1 * (double)i / length) / Rate;
                        source = phase % 1 < 0.1 ? 1 : -0.11;
                    }
                    var y = resonators[0].Next(source, vowel.F1, 80) + 0.5 * resonators[1].Next(source, vowel.F2, 100) + 0.25 * resonators[2].Next(source, vowel.F3, 120);
                    samples[position] = (float)(0.05 * envelope * y);
                }
            }
            position += (int)(Rate * (0.2 + 0.4 * random.NextDouble()));
        }
        return samples;
    }

    private sealed class Resonator
    {
        private double _y1, _y2;

        public double Next(double x, double hz, double bandwidth)
        {
            var r = Math.Exp(-Math.PI * bandwidth / Rate);
            var y = x + 2 * r * Math.Cos(2 * Math.PI * hz / Rate) * _y1 - r * r * _y2;
            (_y2, _y1) = (_y1, y);
            return y * (1 - r);
        }
    }

    private static readonly string[] Sentences =
    [
        "The quick brown fox jumps over the lazy dog, and then it sits down to rest beside the river for a while.",
        "Please remember to save your work before you close the program, because unsaved changes will be lost.",
        "In the beginning there was nothing but a quiet field, a few old trees and the sound of the wind.",
    ];

    /// <summary>espeak-ng speech at several voices and speeds; none when espeak-ng is not installed.</summary>
    public static async Task<IReadOnlyList<Probe>> SpeechAsync(string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var probes = new List<Probe>();
        string[] voices = ["en", "en-us", "de", "fr"];
        int[] speeds = [130, 175, 230];
        var n = 0;
        foreach (var voice in voices)
            foreach (var speed in speeds)
            {
                var sentence = Sentences[n++ % Sentences.Length];
                var file = Path.Combine(directory, $"espeak-{voice}-{speed}.wav");
                if (!File.Exists(file))
                {
                    try
                    {
                        var start = new ProcessStartInfo("espeak-ng") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
                        foreach (var a in new[] { "-v", voice, "-s", speed.ToString(System.Globalization.CultureInfo.InvariantCulture), "-w", file, sentence }) start.ArgumentList.Add(a);
                        using var process = Process.Start(start)!;
                        await process.WaitForExitAsync(cancellationToken);
                        if (process.ExitCode != 0) continue;
                    }
                    catch (System.ComponentModel.Win32Exception)
                    {
                        return probes;
                    }
                }
                probes.Add(new Probe("speech (espeak-ng)", Path.GetFileNameWithoutExtension(file), file));
            }
        return probes;
    }

    /// <summary>Writes the generated probes as WAV files (once) and adds the speech.</summary>
    public static async Task<IReadOnlyList<Probe>> CreateAsync(string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var probes = new List<Probe>();
        foreach (var (kind, id, samples) in Generated())
        {
            var file = Path.Combine(directory, id + ".wav");
            if (!File.Exists(file)) WavFile.Write(file, samples, Rate);
            probes.Add(new Probe(kind, id, file));
        }
        probes.AddRange(await SpeechAsync(Path.Combine(directory, "speech"), cancellationToken));
        return probes;
    }
}
