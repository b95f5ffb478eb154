namespace AudioPlatform.GroundTruth.Composition;

/// <summary>Chord voicing and pitch choice shared by both composers (<see cref="PieceComposer"/>, <c>GenreComposer</c>).</summary>
internal static class Voicing
{
    /// <summary>
    /// <paramref name="intervals"/> over the MIDI pitch <paramref name="root"/> in close position, between pitch 53 and
    /// <paramref name="highest"/>, in the inversion (and octave) that moves least from <paramref name="previous"/>
    /// (or, first and after a change of chord size, that sits nearest E4).
    /// </summary>
    public static int[] Voice(int root, int[] intervals, int[]? previous, int highest)
    {
        int[]? best = null;
        var bestCost = double.MaxValue;
        for (var inversion = 0; inversion < intervals.Length; inversion++)
        {
            var notes = intervals.Select((interval, index) => root + interval + (index < inversion ? 12 : 0)).OrderBy(p => p).ToArray();
            for (var shift = -12; shift <= 12; shift += 12)
            {
                var candidate = notes.Select(p => p + shift).ToArray();
                if (candidate[0] < 53 || candidate[^1] > highest) continue;
                var cost = previous is null || previous.Length != candidate.Length
                    ? Math.Abs(candidate.Average() - 64)
                    : candidate.Zip(previous, (x, y) => (double)Math.Abs(x - y)).Sum();
                if (cost < bestCost) { bestCost = cost; best = candidate; }
            }
        }
        return best ?? intervals.Select(i => root + 12 + i).ToArray();
    }

    /// <summary>The pitch nearest <paramref name="pitch"/> that <paramref name="allowed"/> accepts (the lower on a tie).</summary>
    public static int Nearest(int pitch, Func<int, bool> allowed)
    {
        for (var d = 0; d < 12; d++)
        {
            if (allowed(pitch - d)) return pitch - d;
            if (allowed(pitch + d)) return pitch + d;
        }
        return pitch;
    }
}
