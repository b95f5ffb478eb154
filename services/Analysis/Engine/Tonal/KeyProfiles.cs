namespace AudioPlatform.Analysis.Engine.Tonal;

/// <summary>Published key profiles (tonic first): how much each scale degree weighs in a key.</summary>
public sealed record KeyProfile(string Name, double[] Major, double[] Minor)
{
    /// <summary>Krumhansl and Kessler (1982), probe-tone ratings.</summary>
    public static KeyProfile Krumhansl { get; } = new("krumhansl",
        [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88],
        [6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17]);

    /// <summary>Temperley (2001), from the Kostka–Payne corpus.</summary>
    public static KeyProfile Temperley { get; } = new("temperley",
        [0.748, 0.060, 0.488, 0.082, 0.670, 0.460, 0.096, 0.715, 0.104, 0.366, 0.057, 0.400],
        [0.712, 0.084, 0.474, 0.618, 0.049, 0.460, 0.105, 0.747, 0.404, 0.067, 0.133, 0.330]);

    /// <summary>Aarden (2003), from the Essen folk-song collection.</summary>
    public static KeyProfile Aarden { get; } = new("aarden",
        [17.7661, 0.145624, 14.9265, 0.160186, 19.8049, 11.3587, 0.291248, 22.062, 0.145624, 8.15494, 0.232998, 4.95122],
        [18.2648, 0.737619, 14.0499, 16.8599, 0.702494, 14.4362, 0.702494, 18.6161, 4.56621, 1.93186, 7.37619, 1.75623]);

    public static IReadOnlyList<KeyProfile> All { get; } = [Krumhansl, Temperley, Aarden];

    public static KeyProfile? Find(string name)
    {
        foreach (var p in All) if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) return p;
        return null;
    }
}
