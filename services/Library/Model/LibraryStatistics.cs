namespace AudioPlatform.Library.Model;

/// <summary>Tracks whose value falls in <c>[From, To)</c>; the first and last bins also count the values beyond them.</summary>
public sealed record HistogramBin(double From, double To, int Count);

/// <summary>How many tracks have a label (their most confident genre, say).</summary>
public sealed record NameCount(string Name, int Count);

/// <summary>How many analysed tracks are in a key, by its Camelot code (<c>1A</c>..<c>12B</c>).</summary>
public sealed record KeyCount(string Camelot, int Count);

/// <summary>Quantiles of a value over the tracks that have it (linear between neighbours, as the charts draw them).</summary>
public sealed record Spread(int Count, double Min, double P10, double Q1, double Median, double Q3, double P90, double Max, double Mean);

public sealed record StatusCounts(int Uploaded, int Analyzing, int Analyzed, int Failed);

/// <summary>
/// What the Dashboard shows of the tracks a filter selects, computed on the server. Charts cover the analysed tracks;
/// the counts and sizes cover all of them.
/// </summary>
public sealed record LibraryStatistics(
    int TotalCount,
    StatusCounts Statuses,
    double TotalDurationSeconds,
    long TotalSizeBytes,
    IReadOnlyList<HistogramBin> Tempo,
    int WithoutTempo,
    IReadOnlyList<KeyCount> Keys,
    Spread? Loudness,
    IReadOnlyList<HistogramBin> LoudnessHistogram,
    Spread? Energy,
    Spread? Danceability,
    Spread? Valence,
    IReadOnlyList<NameCount> Genres,
    IReadOnlyList<NameCount> Moods)
{
    /// <summary>Tempo bins: 60 to 200 BPM by 10, as the Dashboard's histogram has always drawn them.</summary>
    public const double TempoFrom = 60, TempoTo = 200, TempoWidth = 10;

    /// <summary>Loudness bins: −30 to −4 LUFS by 1 LU; silence (the −70 LUFS floor) is left out.</summary>
    public const double LoudnessFrom = -30, LoudnessTo = -4, LoudnessWidth = 1, SilenceLufs = -70;

    public static LibraryStatistics Compute(IReadOnlyCollection<Track> tracks)
    {
        var analysed = tracks.Where(track => track is { Status: TrackStatus.Analyzed, Analysis: not null }).Select(track => track.Analysis!).ToList();
        int Count(TrackStatus status) => tracks.Count(track => track.Status == status);
        var tempos = analysed.Select(a => a.TempoBpm).OfType<double>().Where(bpm => bpm > 0).ToList();
        var loudness = Values(analysed, a => a.LoudnessLufs).Where(lufs => lufs > SilenceLufs).ToList();
        return new LibraryStatistics(
            tracks.Count,
            new StatusCounts(Count(TrackStatus.Uploaded), Count(TrackStatus.Analyzing), Count(TrackStatus.Analyzed), Count(TrackStatus.Failed)),
            analysed.Sum(a => a.DurationSeconds ?? 0),
            tracks.Sum(track => track.SizeBytes),
            Histogram(tempos, TempoFrom, TempoTo, TempoWidth),
            analysed.Count - tempos.Count,
            KeyWheel(analysed),
            SpreadOf(loudness),
            Histogram(loudness, LoudnessFrom, LoudnessTo, LoudnessWidth),
            SpreadOf(Values(analysed, a => a.Energy)),
            SpreadOf(Values(analysed, a => a.Danceability)),
            SpreadOf(Values(analysed, a => a.Valence)),
            Counts(analysed.Select(a => a.TopGenre)),
            Counts(analysed.Select(a => a.TopMood)));
    }

    public static IReadOnlyList<HistogramBin> Histogram(IReadOnlyCollection<double> values, double from, double to, double width)
    {
        var bins = (int)Math.Round((to - from) / width);
        var counts = new int[bins];
        foreach (var value in values)
        {
            counts[Math.Clamp((int)Math.Floor((value - from) / width), 0, bins - 1)]++;
        }

        return counts.Select((count, i) => new HistogramBin(from + i * width, from + (i + 1) * width, count)).ToList();
    }

    /// <summary>All 24 Camelot codes in wheel order (1A, 1B, 2A…), with zeros, so the wheel needs no gaps filled.</summary>
    private static List<KeyCount> KeyWheel(List<TrackAnalysis> analysed)
    {
        var counts = analysed.Where(a => a.Camelot is not null).CountBy(a => a.Camelot!).ToDictionary();
        return Enumerable.Range(1, 12)
            .SelectMany(number => new[] { $"{number}A", $"{number}B" })
            .Select(code => new KeyCount(code, counts.GetValueOrDefault(code)))
            .ToList();
    }

    public static Spread? SpreadOf(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        double Quantile(double q)
        {
            var position = (sorted.Length - 1) * q;
            var (low, high) = ((int)Math.Floor(position), (int)Math.Ceiling(position));
            return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
        }

        return new Spread(sorted.Length, sorted[0], Quantile(0.1), Quantile(0.25), Quantile(0.5), Quantile(0.75), Quantile(0.9), sorted[^1], sorted.Average());
    }

    private static List<double> Values(List<TrackAnalysis> analysed, Func<TrackAnalysis, double?> value) =>
        analysed.Select(value).OfType<double>().Where(double.IsFinite).ToList();

    /// <summary>Most frequent first, then by name.</summary>
    private static List<NameCount> Counts(IEnumerable<string?> names) =>
        names.OfType<string>().CountBy(name => name)
            .Select(pair => new NameCount(pair.Key, pair.Value))
            .OrderByDescending(count => count.Count)
            .ThenBy(count => count.Name, StringComparer.Ordinal)
            .ToList();
}
