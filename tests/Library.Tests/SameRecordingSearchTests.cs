using System.Reflection;
using AudioPlatform.Library.Infrastructure;
using AudioPlatform.Library.Model;
using AudioPlatform.Similarity;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;

namespace AudioPlatform.Library.Tests;

/// <summary>
/// The two searches of one analysis (before storing it, then after): the second compares only the tracks the first did
/// not and the first's matches, and links every match both ways. On the real LiteDB repository, counted by a
/// pass-through proxy.
/// </summary>
public sealed class SameRecordingSearchTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"audioplatform-samerecording-{Guid.NewGuid():N}.db");
    private readonly LiteDatabase _database;
    private readonly LiteDbTrackRepository _repository;
    private readonly string _alice = $"alice-{Guid.NewGuid():N}";

    public SameRecordingSearchTests()
    {
        _database = new LiteDatabase($"Filename={_file};Connection=direct");
        _repository = new LiteDbTrackRepository(_database);
    }

    public void Dispose()
    {
        _database.Dispose();
        File.Delete(_file);
    }

    private static byte[] Print(int seed, uint flip = 0)
    {
        var random = new Random(seed);
        return FingerprintMatcher.ToBytes([.. Enumerable.Range(0, 900).Select(_ => (uint)random.NextInt64(0, 1L << 32) ^ flip)]);
    }

    /// <summary>A track of Alice's, uploaded at <paramref name="minutes"/> past T0 and not analysed yet.</summary>
    private async Task<Track> UploadedAsync(int minutes)
    {
        var track = new Track
        {
            Id = Guid.NewGuid(), UserId = _alice, Title = $"t{minutes}", FileName = $"t{minutes}.mp3", Format = "mp3", SizeBytes = 1,
            ObjectKey = $"audio/{_alice}/{Guid.NewGuid():D}", Status = TrackStatus.Uploaded,
            CreatedAt = T0.AddMinutes(minutes).UtcDateTime, LastEventAt = T0.AddMinutes(minutes).UtcDateTime,
        };
        await _repository.AddUploadedAsync(track);
        return track;
    }

    private async Task<Track> AnalysedAsync(byte[] print, int minutes)
    {
        var track = await UploadedAsync(minutes);
        await _repository.MarkAnalyzedAsync(_alice, track.Id, new TrackAnalysis { DurationSeconds = 180, Fingerprint = print }, T0.AddMinutes(minutes + 1));
        return track;
    }

    [Fact]
    public async Task The_search_after_storing_compares_only_new_tracks_and_earlier_matches_and_links_every_match_both_ways()
    {
        var copy = await AnalysedAsync(Print(1), minutes: 1);
        for (var other = 0; other < 5; other++)
        {
            await AnalysedAsync(Print(100 + other), minutes: 2 + other);
        }

        var upload = await UploadedAsync(minutes: 30);
        var analysis = new TrackAnalysis { DurationSeconds = 180.5, Fingerprint = Print(1, flip: 0x0101u) };
        var counted = CountingRepository.Wrap(_repository);
        var sameRecordings = new SameRecordings(counted.Repository, NullLogger<SameRecordings>.Instance);

        var before = await sameRecordings.FindAsync(_alice, upload.Id, analysis, CancellationToken.None);
        // A second copy analysed between the two searches, as a concurrent upload of the same file would be.
        var concurrent = await AnalysedAsync(Print(1), minutes: 31);
        analysis.SameRecordingAs = [.. before.Matches];
        await _repository.MarkAnalyzedAsync(_alice, upload.Id, analysis, T0.AddMinutes(32));
        await sameRecordings.LinkAsync(_alice, upload.Id, before, CancellationToken.None);

        Assert.Equal([copy.Id], before.Matches.Select(match => match.TrackId));
        Assert.Equal([6, 2], counted.CandidatesPerCall);
        var stored = (await _repository.GetAsync(_alice, upload.Id))!.Analysis!;
        Assert.Equal(new HashSet<Guid> { copy.Id, concurrent.Id }, stored.SameRecordingAs.Select(link => link.TrackId).ToHashSet());
        Assert.Equal(upload.Id, Assert.Single((await _repository.GetAsync(_alice, copy.Id))!.Analysis!.SameRecordingAs).TrackId);
        Assert.Equal(upload.Id, Assert.Single((await _repository.GetAsync(_alice, concurrent.Id))!.Analysis!.SameRecordingAs).TrackId);
    }

    [Fact]
    public async Task A_match_deleted_between_the_two_searches_is_not_linked()
    {
        var copy = await AnalysedAsync(Print(3), minutes: 1);
        var upload = await UploadedAsync(minutes: 30);
        var analysis = new TrackAnalysis { DurationSeconds = 180, Fingerprint = Print(3, flip: 0x0101u) };
        var sameRecordings = new SameRecordings(_repository, NullLogger<SameRecordings>.Instance);

        var before = await sameRecordings.FindAsync(_alice, upload.Id, analysis, CancellationToken.None);
        analysis.SameRecordingAs = [.. before.Matches];
        await _repository.MarkAnalyzedAsync(_alice, upload.Id, analysis, T0.AddMinutes(32));
        // Deleted after the first search and the write that carried its link: the deletion removes the link, and the
        // second search must not put it back.
        Assert.True(await _repository.DeleteAsync(_alice, copy.Id));
        await sameRecordings.LinkAsync(_alice, upload.Id, before, CancellationToken.None);

        Assert.Equal([copy.Id], before.Matches.Select(match => match.TrackId));
        Assert.Empty((await _repository.GetAsync(_alice, upload.Id))!.Analysis!.SameRecordingAs);
    }

    [Fact]
    public async Task A_redelivery_with_no_earlier_search_compares_everything_again_and_changes_nothing()
    {
        var copy = await AnalysedAsync(Print(2), minutes: 1);
        var upload = await AnalysedAsync(Print(2, flip: 0x0101u), minutes: 5);
        var counted = CountingRepository.Wrap(_repository);
        var sameRecordings = new SameRecordings(counted.Repository, NullLogger<SameRecordings>.Instance);

        await sameRecordings.LinkAsync(_alice, upload.Id, SameRecordingSearch.None, CancellationToken.None);
        await sameRecordings.LinkAsync(_alice, upload.Id, SameRecordingSearch.None, CancellationToken.None);

        Assert.Equal([1, 1], counted.CandidatesPerCall);
        Assert.Equal(copy.Id, Assert.Single((await _repository.GetAsync(_alice, upload.Id))!.Analysis!.SameRecordingAs).TrackId);
        Assert.Equal(upload.Id, Assert.Single((await _repository.GetAsync(_alice, copy.Id))!.Analysis!.SameRecordingAs).TrackId);
    }

    /// <summary>Passes every call to the real repository and records how many candidates each fingerprint listing returned.</summary>
    public class CountingRepository : DispatchProxy
    {
        private ITrackRepository _inner = null!;

        public List<int> CandidatesPerCall { get; } = [];

        public ITrackRepository Repository { get; private set; } = null!;

        public static CountingRepository Wrap(ITrackRepository inner)
        {
            var proxy = Create<ITrackRepository, CountingRepository>();
            var counting = (CountingRepository)(object)proxy;
            counting._inner = inner;
            counting.Repository = proxy;
            return counting;
        }

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            var result = method!.Invoke(_inner, args);
            if (method.Name == nameof(ITrackRepository.ListFingerprintsAsync))
            {
                CandidatesPerCall.Add(((Task<IReadOnlyList<FingerprintCandidate>>)result!).GetAwaiter().GetResult().Count);
            }

            return result;
        }
    }
}
