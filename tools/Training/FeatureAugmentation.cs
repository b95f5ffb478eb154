using AudioPlatform.Classification;

namespace AudioPlatform.Training;

/// <summary>
/// Extra training copies of each example with the level and brightness changed, as another soundfont, mix or master
/// would change them, so the models cannot lean on the exact loudness and spectral balance of the one soundfont they are
/// trained on. A copy is shifted by δ ~ U(−4, 4) dB in level (LUFS, RMS, true peak, MFCC c0 by √40·δ for the
/// orthonormal DCT over 40 bands, energy by δ/60), its spectral centroid, roll-off and zero-crossing rate scaled by
/// s = e^U(−0.15, 0.15), and its other MFCC means jittered by 15 % of their spread. Symmetric on purpose: it says that
/// level and brightness vary, not which way the held-out soundfont differs.
/// </summary>
public static class FeatureAugmentation
{
    private static readonly string[] Level = ["loudnessLufs", "rmsDbfs", "truePeakDbtp"];
    private static readonly string[] Brightness = ["spectralCentroidHz", "spectralCentroidStdHz", "spectralRolloffHz", "spectralRolloffStdHz", "zeroCrossingRate", "zeroCrossingRateStd"];

    /// <param name="spreadOf">Whose MFCC spread scales the jitter; the examples themselves unless given.</param>
    public static IReadOnlyList<(Example Example, float[] Input)> Expand(IReadOnlyList<Example> examples, int copies, int seed, IReadOnlyList<Example>? spreadOf = null)
    {
        var names = ModelFeatures.Names.ToList();
        int Index(string name) => names.IndexOf(name);
        var level = Level.Select(Index).ToArray();
        var brightness = Brightness.Select(Index).ToArray();
        var c0 = Index("mfccMean0");
        var energy = Index("energy");
        var mfcc = Enumerable.Range(1, 12).Select(i => Index($"mfccMean{i}")).ToArray();
        var spread = mfcc.Select(f => StandardDeviation((spreadOf ?? examples).Select(e => e.Input[f]))).ToArray();

        var random = new Random(seed);
        var result = new List<(Example, float[])>(examples.Count * (copies + 1));
        foreach (var example in examples)
        {
            result.Add((example, example.Input));
            for (var c = 0; c < copies; c++)
            {
                var input = (float[])example.Input.Clone();
                var delta = (float)(8 * random.NextDouble() - 4);
                foreach (var f in level) input[f] += delta;
                input[c0] += (float)(Math.Sqrt(40) * delta);
                input[energy] = Math.Clamp(input[energy] + delta / 60f, 0f, 1f);
                var scale = (float)Math.Exp(0.3 * random.NextDouble() - 0.15);
                foreach (var f in brightness) input[f] *= scale;
                for (var m = 0; m < mfcc.Length; m++) input[mfcc[m]] += (float)(0.15 * spread[m] * Gaussian(random));
                result.Add((example, input));
            }
        }
        return result;
    }

    private static double StandardDeviation(IEnumerable<float> values)
    {
        var list = values.Select(v => (double)v).ToList();
        var mean = list.Average();
        return Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / list.Count);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
