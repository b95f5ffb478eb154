using System.Numerics;

namespace AudioPlatform.Similarity;

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

    /// <summary>
    /// Two fingerprints as stored and sent: the sub-fingerprints as little-endian 32-bit words (see <see cref="ToBytes"/>).
    /// </summary>
    public static double Similarity(byte[] a, byte[] b) => Similarity(FromBytes(a), FromBytes(b));

    /// <summary>The sub-fingerprints as bytes, four per point, little-endian: what a message and a store carry.</summary>
    public static byte[] ToBytes(ReadOnlySpan<uint> points)
    {
        var bytes = new byte[points.Length * sizeof(uint)];
        for (var i = 0; i < points.Length; i++) System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * sizeof(uint)), points[i]);
        return bytes;
    }

    /// <summary>The reverse of <see cref="ToBytes"/>; a trailing partial word is ignored.</summary>
    public static uint[] FromBytes(ReadOnlySpan<byte> bytes)
    {
        var points = new uint[bytes.Length / sizeof(uint)];
        for (var i = 0; i < points.Length; i++) points[i] = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes[(i * sizeof(uint))..]);
        return points;
    }

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
