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

    /// <summary>One pass over the tracks (50,000 of them take a few milliseconds), then a sort per spread.</summary>
    public static LibraryStatistics Compute(IReadOnlyCollection<Track> tracks)
    {
        var statuses = new int[Enum.GetValues<TrackStatus>().Length];
        var (duration, size, withoutTempo) = (0.0, 0L, 0);
        List<double> tempos = [], loudness = [], energy = [], danceability = [], valence = [];
        Dictionary<string, int> keys = [], genres = [], moods = [];
        foreach (var track in tracks)
        {
            statuses[(int)track.Status]++;
            size += track.SizeBytes;
            if (track is not { Status: TrackStatus.Analyzed, Analysis: { } a })
            {
                continue;
            }

            duration += a.DurationSeconds ?? 0;
            if (a.TempoBpm is > 0 and var bpm)
            {
                tempos.Add(bpm);
            }
            else
            {
                withoutTempo++;
            }

            Add(loudness, a.LoudnessLufs is > SilenceLufs ? a.LoudnessLufs : null);
            Add(energy, a.Energy);
            Add(danceability, a.Danceability);
            Add(valence, a.Valence);
            Count(keys, a.Camelot);
            Count(genres, a.TopGenre);
            Count(moods, a.TopMood);
        }

        return new LibraryStatistics(
            tracks.Count,
            new StatusCounts(statuses[(int)TrackStatus.Uploaded], statuses[(int)TrackStatus.Analyzing], statuses[(int)TrackStatus.Analyzed], statuses[(int)TrackStatus.Failed]),
            duration,
            size,
            Histogram(tempos, TempoFrom, TempoTo, TempoWidth),
            withoutTempo,
            KeyWheel(keys),
            SpreadOf(loudness),
            Histogram(loudness, LoudnessFrom, LoudnessTo, LoudnessWidth),
            SpreadOf(energy),
            SpreadOf(danceability),
            SpreadOf(valence),
            Ranked(genres),
            Ranked(moods));
    }

    private static void Add(List<double> values, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            values.Add(v);
        }
    }

    private static void Count(Dictionary<string, int> counts, string? name)
    {
        if (name is not null)
        {
            counts[name] = counts.GetValueOrDefault(name) + 1;
        }
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
    private static List<KeyCount> KeyWheel(Dictionary<string, int> counts) =>
        Enumerable.Range(1, 12)
            .SelectMany(number => new[] { $"{number}A", $"{number}B" })
            .Select(code => new KeyCount(code, counts.GetValueOrDefault(code)))
            .ToList();

    public static Spread? SpreadOf(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        double Quantile(double q)
        {
            var position = (sorted.Length - 1) * q;
            var (low, high) = ((int)Math.Floor(position), (int)Math.Ceiling(position));
            return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
        }

        return new Spread(sorted.Length, sorted[0], Quantile(0.1), Quantile(0.25), Quantile(0.5), Quantile(0.75), Quantile(0.9), sorted[^1], sorted.Average());
    }

    /// <summary>Most frequent first, then by name.</summary>
    private static List<NameCount> Ranked(Dictionary<string, int> counts) =>
        counts.Select(pair => new NameCount(pair.Key, pair.Value))
            .OrderByDescending(count => count.Count)
            .ThenBy(count => count.Name, StringComparer.Ordinal)
            .ToList();
}
