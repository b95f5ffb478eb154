using System.Numerics;
using System.Runtime.InteropServices;

namespace AudioPlatform.Engine.Spectral;

/// <summary>Vectorised time-domain helpers shared by the frame consumers.</summary>
internal static class FrameMath
{
    public static double SumOfSquares(ReadOnlySpan<float> x)
    {
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(x);
        var acc = Vector<float>.Zero;
        foreach (var v in vectors)
            acc += v * v;
        double sum = Vector.Sum(acc);
        for (var i = vectors.Length * Vector<float>.Count; i < x.Length; i++)
            sum += x[i] * x[i];
        return sum;
    }

    /// <summary>Sign changes between neighbours (zero counts as positive).</summary>
    public static int ZeroCrossings(ReadOnlySpan<float> x)
    {
        var crossings = 0;
        var previous = x.Length > 0 && x[0] < 0;
        foreach (var s in x)
        {
            var negative = s < 0;
            crossings += negative != previous ? 1 : 0;
            previous = negative;
        }
        return crossings;
    }
}
