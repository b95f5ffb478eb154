using System.Text.Json;
using AudioPlatform.Library.Model;

namespace AudioPlatform.LibraryBenchmark;

/// <summary>
/// Analysed tracks shaped like the engine's: every typed field, four minutes of beat times, the spectral arrays, a
/// 250-value feature vector, a 142-value embedding (11 genres, 8 moods, 9 instruments after 114 features) and the probe.
/// Deterministic for a seed, so two runs measure the same library.
/// </summary>
public sealed class SeededLibrary(int seed)
{
    private static readonly string[] Genres = ["house", "techno", "drum-and-bass", "hip-hop", "ambient", "rock", "pop", "jazz", "classical", "metal", "folk"];
    private static readonly string[] Moods = ["energetic", "calm", "happy", "sad", "dark", "uplifting", "aggressive", "relaxed"];
    private static readonly string[] Instruments = ["drums", "bass", "piano", "guitar", "strings", "brass", "synth", "organ", "percussion"];
    private static readonly string[] Notes = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"];
    private readonly Random _random = new(seed);

    public const string ModelVersion = "features-v2/embedding-v1";

    public Track Next(string userId, int index, DateTime uploadedAt)
    {
        var genre = Genres[_random.Next(Genres.Length)];
        var title = $"{genre} sketch {index}";
        var track = new Track
        {
            Id = Guid.NewGuid(), UserId = userId, Title = title, Artist = $"Artist {_random.Next(400)}", Album = $"Album {_random.Next(900)}",
            FileName = $"{title}.mp3", Format = "mp3", SizeBytes = 3_000_000 + _random.Next(9_000_000), ObjectKey = $"audio/{userId}/{index}",
            CreatedAt = uploadedAt, LastEventAt = uploadedAt,
        };

        // One in fifty is still waiting or failed, as in a library people are uploading to.
        switch (_random.Next(50))
        {
            case 0:
                track.Status = TrackStatus.Uploaded;
                return track;
            case 1:
                track.Status = TrackStatus.Failed;
                track.Error = "The file is not audio.";
                return track;
        }

        track.Status = TrackStatus.Analyzed;
        track.AnalyzedAt = uploadedAt.AddMinutes(1);
        track.Analysis = AnalysisDocument.Read(Document(genre), "engine-bench");
        return track;
    }

    private string Document(string genre)
    {
        var bpm = Math.Round(70 + _random.NextDouble() * 110, 2);
        var note = _random.Next(12);
        var minor = _random.Next(2) == 0;
        var duration = 120 + _random.NextDouble() * 240;
        return JsonSerializer.Serialize(new
        {
            durationSeconds = duration, tempoBpm = bpm, tempoConfidence = _random.NextDouble(), tempoAlternativeBpm = bpm * 2,
            tempoAlternativeConfidence = _random.NextDouble() / 2, tempoAmbiguous = _random.Next(10) == 0, pulseClarity = _random.NextDouble(),
            beatTimes = Enumerable.Range(0, (int)(duration * bpm / 60)).Select(i => Math.Round(i * 60 / bpm, 3)),
            timeSignature = "4/4", timeSignatureConfidence = 0.8, onsetRate = 2 + _random.NextDouble() * 4,
            key = $"{Notes[note]} {(minor ? "minor" : "major")}", keyMode = minor ? "minor" : "major", keyConfidence = _random.NextDouble(),
            camelot = $"{(note * 7 + (minor ? 8 : 11)) % 12 + 1}{(minor ? "A" : "B")}",
            loudnessLufs = -22 + _random.NextDouble() * 16, loudnessRangeLu = 3 + _random.NextDouble() * 10, truePeakDbtp = -_random.NextDouble() * 3,
            samplePeakDbfs = -1.0, rmsDbfs = -14.0, energy = _random.NextDouble(), danceability = _random.NextDouble(), valence = _random.NextDouble(),
            spectralCentroidHz = 1500 + _random.NextDouble() * 2000, spectralRolloffHz = 6000.0, spectralFlatness = 0.1, zeroCrossingRate = 0.08,
            mfccMean = Values(13), mfccStd = Values(13), chromaMean = Values(12), chromaStd = Values(12),
            bandShareMeanDb = Values(8), bandShareStdDb = Values(8), bandContrastDb = Values(7), featureVector = Values(250),
            probe = new { codec = "mp3", sampleRate = 44100, channels = 2, bitRate = 320000 },
            tempoCandidates = new[] { new { bpm, score = 0.8 }, new { bpm = bpm / 2, score = 0.3 } },
            genres = new[] { new { name = genre, confidence = 0.5 + _random.NextDouble() / 2 } },
            moods = Moods.Where(_ => _random.Next(4) == 0).Select(name => new { name, confidence = 0.5 + _random.NextDouble() / 2 }),
            instruments = Instruments.Where(_ => _random.Next(3) == 0).Select(name => new { name, confidence = 0.5 + _random.NextDouble() / 2 }),
            tags = new[] { genre, $"{Math.Round(bpm)}-bpm" },
            description = $"A {genre} track at {Math.Round(bpm)} BPM.",
            embedding = Embedding(Array.IndexOf(Genres, genre)),
            modelVersion = ModelVersion,
        });
    }

    private double[] Values(int count) => Enumerable.Range(0, count).Select(_ => Math.Round(_random.NextDouble() * 10, 4)).ToArray();

    /// <summary>Unit length, with the genre's block strongest, so the map has clusters to find.</summary>
    private float[] Embedding(int genre)
    {
        var values = Enumerable.Range(0, 142).Select(i => (float)(_random.NextDouble() * 0.2 + (i == 114 + genre ? 2 : 0))).ToArray();
        var norm = MathF.Sqrt(values.Sum(v => v * v));
        return values.Select(v => v / norm).ToArray();
    }
}
