using System.Globalization;

namespace AudioPlatform.LoadTest;

public sealed record LoadTestOptions(Uri Gateway, int Tracks, int Concurrency, double Seconds, string Format, TimeSpan Deadline)
{
    public const string Usage =
        "usage: loadtest [--gateway http://localhost:8080] [--tracks 40] [--concurrency 4] [--seconds 60] [--format mp3|wav|flac|ogg|aiff] [--deadline-minutes 15]";

    public static LoadTestOptions Parse(string[] args)
    {
        var options = new LoadTestOptions(new Uri("http://localhost:8080"), 40, 4, 60, "mp3", TimeSpan.FromMinutes(15));
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--gateway" => options with { Gateway = new Uri(Next()) },
                "--tracks" => options with { Tracks = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--concurrency" => options with { Concurrency = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--seconds" => options with { Seconds = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--format" => options with { Format = Next() },
                "--deadline-minutes" => options with { Deadline = TimeSpan.FromMinutes(double.Parse(Next(), CultureInfo.InvariantCulture)) },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        if (options.Tracks < 1 || options.Concurrency < 1 || options.Seconds is < 1 or > 600)
        {
            throw new ArgumentException("--tracks and --concurrency must be at least 1, --seconds between 1 and 600");
        }

        if (options.Format is not ("mp3" or "wav" or "flac" or "ogg" or "aiff"))
        {
            throw new ArgumentException("--format must be mp3, wav, flac, ogg or aiff");
        }

        return options;
    }
}
