namespace AudioPlatform.Engine.Spectral;

/// <summary>Mean and population standard deviation accumulated one value at a time (Welford), O(1) memory.</summary>
public struct RunningStats
{
    private long _count;
    private double _mean;
    private double _m2;

    public readonly long Count => _count;
    public readonly double Mean => _count > 0 ? _mean : 0;
    public readonly double StdDev => _count > 1 ? Math.Sqrt(_m2 / _count) : 0;

    public void Add(double value)
    {
        _count++;
        var delta = value - _mean;
        _mean += delta / _count;
        _m2 += delta * (value - _mean);
    }
}

/// <summary>A mean and standard deviation pair.</summary>
public readonly record struct MeanStd(double Mean, double Std)
{
    public static MeanStd From(in RunningStats s) => new(s.Mean, s.StdDev);
}
