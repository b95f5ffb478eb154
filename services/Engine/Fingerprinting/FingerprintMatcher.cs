using System.Numerics;

namespace AudioPlatform.Engine.Fingerprinting;

/// <summary>
/// Compares two Chromaprint fingerprints: the share of equal bits at the best alignment (one sub-fingerprint is about
/// 0.124 s, so ±80 covers ten seconds of offset: a different lead-in or encoder delay). Unrelated audio agrees on about
/// half the bits; the same recording in another encoding on ninety per cent or more.
/// </summary>
public static class FingerprintMatcher
{
    /// <summary>At or above this, two fingerprints are taken for the same recording.</summary>
    public const double SameRecording = 0.8;

    public const int MaxOffset = 80;

    /// <summary>The overlap an alignment needs to count: about four seconds.</summary>
    private const int MinOverlap = 32;

    public static double Similarity(AudioFingerprint a, AudioFingerprint b) => Similarity(a.Points, b.Points);

    /// <summary>0..1: the share of equal bits at the best alignment; 0 when the two never overlap enough.</summary>
    public static double Similarity(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b, int maxOffset = MaxOffset)
    {
        var best = 0.0;
        for (var offset = -maxOffset; offset <= maxOffset; offset++)
        {
            var startA = Math.Max(0, offset);
            var startB = Math.Max(0, -offset);
            var overlap = Math.Min(a.Length - startA, b.Length - startB);
            if (overlap < MinOverlap || overlap < Math.Min(a.Length, b.Length) / 2) continue;
            var differing = 0;
            for (var i = 0; i < overlap; i++) differing += BitOperations.PopCount(a[startA + i] ^ b[startB + i]);
            best = Math.Max(best, 1 - differing / (32.0 * overlap));
        }
        return best;
    }
}
