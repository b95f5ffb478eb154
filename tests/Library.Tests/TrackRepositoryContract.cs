using AudioPlatform.Library.Model;
using AudioPlatform.Similarity;

namespace AudioPlatform.Library.Tests;

/// <summary>What every <see cref="ITrackRepository"/> must do, run once per implementation by the classes deriving from it.</summary>
public abstract class TrackRepositoryContract
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly string _alice = $"alice-{Guid.NewGuid():N}";
    private readonly string _bob = $"bob-{Guid.NewGuid():N}";

    /// <summary>A store of its own for the running test; a derived class skips before returning it when its backend is missing.</summary>
    protected abstract ITrackRepository Repository { get; }

    private static Track NewTrack(
        string userId, string title, DateTimeOffset? uploadedAt = null, string? artist = null, string? album = null, string? fileName = null) => new()
    {
        Id = Guid.NewGuid(),
        UserId = userId,
        Title = title,
        Artist = artist,
        Album = album,
        FileName = fileName ?? $"{title}.mp3",
        Format = "mp3",
        SizeBytes = 1234,
        ObjectKey = $"audio/{userId}/{Guid.NewGuid():D}",
        Status = TrackStatus.Uploaded,
        CreatedAt = (uploadedAt ?? T0).UtcDateTime,
        LastEventAt = (uploadedAt ?? T0).UtcDateTime,
    };

    private static TrackAnalysis Analysis(
        double tempo = 120, string key = "A minor", string camelot = "8A", double lufs = -9, double energy = 0.5,
        string[]? genres = null, string[]? moods = null, string[]? instruments = null, string[]? tags = null,
        string? description = null, float[]? embedding = null) => new()
    {
        TempoBpm = tempo,
        Key = key,
        Camelot = camelot,
        LoudnessLufs = lufs,
        Energy = energy,
        Genres = (genres ?? ["Rock"]).Select(name => new LabelScore(name, 0.8)).ToList(),
        Moods = (moods ?? ["Happy"]).Select(name => new LabelScore(name, 0.7)).ToList(),
        Instruments = (instruments ?? ["Guitar"]).Select(name => new LabelScore(name, 0.6)).ToList(),
        Tags = (tags ?? []).ToList(),
        Description = description,
        Embedding = embedding ?? [0.1f, 0.2f, 0.3f],
        EngineVersion = "test",
    };

    private async Task<Track> AnalyzedAsync(
        ITrackRepository repository, string userId, string title, TrackAnalysis analysis, DateTimeOffset? uploadedAt = null, string? fileName = null, string? album = null)
    {
        var track = NewTrack(userId, title, uploadedAt, album: album, fileName: fileName);
        await repository.AddUploadedAsync(track);
        Assert.Equal(TransitionOutcome.Applied, await repository.MarkAnalyzedAsync(userId, track.Id, analysis, (uploadedAt ?? T0).AddMinutes(1)));
        return track;
    }

    [SkippableFact]
    public async Task An_added_track_is_returned_to_its_owner_as_uploaded()
    {
        var repository = Repository;
        var track = NewTrack(_alice, "First Light", artist: "The Band");

        Assert.True(await repository.AddUploadedAsync(track));
        var stored = await repository.GetAsync(_alice, track.Id);

        Assert.NotNull(stored);
        Assert.Equal((track.Id, "First Light", "The Band", "First Light.mp3", "mp3", 1234L, TrackStatus.Uploaded),
            (stored.Id, stored.Title, stored.Artist, stored.FileName, stored.Format, stored.SizeBytes, stored.Status));
        Assert.Equal(T0.UtcDateTime, stored.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, stored.CreatedAt.Kind);
        Assert.Null(stored.Analysis);
    }

    [SkippableFact]
    public async Task The_same_upload_twice_keeps_one_track()
    {
        var repository = Repository;
        var track = NewTrack(_alice, "Once");
        await repository.AddUploadedAsync(track);

        var duplicate = NewTrack(_alice, "Renamed");
        duplicate.Id = track.Id;
        var again = await repository.AddUploadedAsync(duplicate);

        Assert.False(again);
        Assert.Equal("Once", (await repository.GetAsync(_alice, track.Id))!.Title);
        Assert.Equal(1, (await repository.ListAsync(_alice, new TrackQuery())).TotalCount);
    }

    [SkippableFact]
    public async Task Another_user_never_sees_changes_or_deletes_a_track()
    {
        var repository = Repository;
        var track = NewTrack(_alice, "Private");
        await repository.AddUploadedAsync(track);

        Assert.Null(await repository.GetAsync(_bob, track.Id));
        Assert.False(await repository.DeleteAsync(_bob, track.Id));
        Assert.Equal(TransitionOutcome.NotFound, await repository.MarkAnalyzingAsync(_bob, track.Id, T0.AddMinutes(1)));
        Assert.Equal(TransitionOutcome.NotFound, await repository.MarkAnalyzedAsync(_bob, track.Id, Analysis(), T0.AddMinutes(2)));
        Assert.Equal(TransitionOutcome.NotFound, await repository.MarkFailedAsync(_bob, track.Id, "no", T0.AddMinutes(3)));
        Assert.Equal(0, (await repository.ListAsync(_bob, new TrackQuery())).TotalCount);
        Assert.Empty(await repository.ListEmbeddingsAsync(_bob));

        var untouched = await repository.GetAsync(_alice, track.Id);
        Assert.Equal(TrackStatus.Uploaded, untouched!.Status);
    }

    [SkippableFact]
    public async Task An_analysis_moves_the_track_to_analyzing_then_analyzed_with_its_document()
    {
        var repository = Repository;
        var track = NewTrack(_alice, "Song");
        await repository.AddUploadedAsync(track);

        Assert.Equal(TransitionOutcome.Applied, await repository.MarkAnalyzingAsync(_alice, track.Id, T0.AddSeconds(1)));
        Assert.Equal(TrackStatus.Analyzing, (await repository.GetAsync(_alice, track.Id))!.Status);
        Assert.Equal(TransitionOutcome.Applied, await repository.MarkAnalyzedAsync(_alice, track.Id,
            Analysis(tempo: 128, genres: ["House"], embedding: [1f, 2f]), T0.AddSeconds(30)));

        var stored = (await repository.GetAsync(_alice, track.Id))!;
        Assert.Equal(TrackStatus.Analyzed, stored.Status);
        Assert.Equal(T0.AddSeconds(30).UtcDateTime, stored.AnalyzedAt);
        Assert.Equal(128, stored.Analysis!.TempoBpm);
        Assert.Equal(["House"], stored.Analysis.Genres.Select(label => label.Name));
        Assert.Equal([1f, 2f], stored.Analysis.Embedding);
        Assert.Equal(("A minor", "8A", -9.0, 0.5, "house", "happy", "test"),
            (stored.Analysis.Key, stored.Analysis.Camelot, stored.Analysis.LoudnessLufs, stored.Analysis.Energy, stored.Analysis.TopGenre, stored.Analysis.TopMood, stored.Analysis.EngineVersion));
        Assert.Null(stored.Analysis.Json);
    }

    [SkippableFact]
    public async Task The_same_event_twice_changes_nothing_the_second_time()
    {
        var repository = Repository;
        var track = NewTrack(_alice, "Twice");
        await repository.AddUploadedAsync(track);
        var completedAt = T0.AddSeconds(30).AddTicks(1234);

        var first = await repository.MarkAnalyzedAsync(_alice, track.Id, Analysis(tempo: 100), completedAt);
        var afterFirst = (await repository.GetAsync(_alice, track.Id))!;
        var second = await repository.MarkAnalyzedAsync(_alice, track.Id, Analysis(tempo: 100), completedAt);
        var afterSecond = (await repository.GetAsync(_alice, track.Id))!;

        Assert.Equal((TransitionOutcome.Applied, TransitionOutcome.Ignored), (first, second));
        Assert.Equal(afterFirst.UpdatedAt, afterSecond.UpdatedAt);
        Assert.Equal(afterFirst.LastEventAt, afterSecond.LastEventAt);
    }

    [SkippableFact]
    public async Task A_late_analyzing_event_never_moves_an_analyzed_track_back()
    {
        var repository = Repository;
        var track = NewTrack(_alice, "Out of order");
        await repository.AddUploadedAsync(track);

        await repository.MarkAnalyzedAsync(_alice, track.Id, Analysis(), T0.AddSeconds(30));
        var late = await repository.MarkAnalyzingAsync(_alice, track.Id, T0.AddSeconds(1));
        var laterButLowerRank = await repository.MarkAnalyzingAsync(_alice, track.Id, T0.AddSeconds(60));

        Assert.Equal((TransitionOutcome.Ignored, TransitionOutcome.Ignored), (late, laterButLowerRank));
        Assert.Equal(TrackStatus.Analyzed, (await repository.GetAsync(_alice, track.Id))!.Status);
    }

    [SkippableFact]
    public async Task Of_two_outcomes_the_later_one_wins_whatever_the_arrival_order()
    {
        var repository = Repository;
        var track = NewTrack(_alice, "Outcomes");
        await repository.AddUploadedAsync(track);

        await repository.MarkFailedAsync(_alice, track.Id, "decoder crashed", T0.AddSeconds(50));
        var olderCompletion = await repository.MarkAnalyzedAsync(_alice, track.Id, Analysis(), T0.AddSeconds(40));

        Assert.Equal(TransitionOutcome.Ignored, olderCompletion);
        var stored = (await repository.GetAsync(_alice, track.Id))!;
        Assert.Equal((TrackStatus.Failed, "decoder crashed"), (stored.Status, stored.Error));
    }

    [SkippableFact]
    public async Task Reanalysis_is_the_one_way_back_and_a_stale_completion_after_it_is_ignored()
    {
        var repository = Repository;
        var track = NewTrack(_alice, "Again");
        await repository.AddUploadedAsync(track);
        await repository.MarkAnalyzedAsync(_alice, track.Id, Analysis(tempo: 90), T0.AddSeconds(30));

        Assert.Equal(TransitionOutcome.Applied, await repository.RequestReanalysisAsync(_alice, track.Id, T0.AddMinutes(10)));
        Assert.Equal(TrackStatus.Analyzing, (await repository.GetAsync(_alice, track.Id))!.Status);
        Assert.Equal(TransitionOutcome.Ignored, await repository.MarkAnalyzedAsync(_alice, track.Id, Analysis(tempo: 91), T0.AddSeconds(31)));
        Assert.Equal(TransitionOutcome.Applied, await repository.MarkAnalyzedAsync(_alice, track.Id, Analysis(tempo: 92), T0.AddMinutes(11)));

        var stored = (await repository.GetAsync(_alice, track.Id))!;
        Assert.Equal((TrackStatus.Analyzed, 92.0), (stored.Status, stored.Analysis!.TempoBpm));
    }

    [SkippableFact]
    public async Task A_bulk_reanalysis_keeps_the_tracks_analysed_until_each_new_analysis_arrives_and_counts_them()
    {
        var repository = Repository;
        var first = await AnalyzedAsync(repository, _alice, "Bulk One", Analysis(tempo: 90));
        var second = await AnalyzedAsync(repository, _alice, "Bulk Two", Analysis(tempo: 100));
        var pending = NewTrack(_alice, "Still Uploading");
        await repository.AddUploadedAsync(pending);
        var bobs = await AnalyzedAsync(repository, _bob, "Bobs", Analysis());
        var batch = Guid.NewGuid();
        var requestedAt = T0.AddHours(1);
        Assert.Null(await repository.GetReanalysisProgressAsync(_alice));

        Assert.Equal(TransitionOutcome.Applied, await repository.RequestBulkReanalysisAsync(_alice, first.Id, batch, 2, requestedAt));
        Assert.Equal(TransitionOutcome.Applied, await repository.RequestBulkReanalysisAsync(_alice, second.Id, batch, 2, requestedAt));
        Assert.Equal(TransitionOutcome.Ignored, await repository.RequestBulkReanalysisAsync(_alice, pending.Id, batch, 2, requestedAt));
        Assert.Equal(TransitionOutcome.Ignored, await repository.RequestBulkReanalysisAsync(_alice, first.Id, Guid.NewGuid(), 1, requestedAt.AddSeconds(1)));
        Assert.Equal(TransitionOutcome.NotFound, await repository.RequestBulkReanalysisAsync(_alice, bobs.Id, batch, 2, requestedAt));

        var waiting = (await repository.GetAsync(_alice, first.Id))!;
        Assert.Equal((TrackStatus.Analyzed, 90.0), (waiting.Status, waiting.Analysis!.TempoBpm));
        Assert.Equal("BulkReanalysisRequested", Assert.Single(waiting.Outbox).Type);
        Assert.Equal((batch, 2, 0, 0), Progress(await repository.GetReanalysisProgressAsync(_alice)));

        // The background run starts (no step back to "analyzing") and completes; the other one fails.
        Assert.Equal(TransitionOutcome.Ignored, await repository.MarkAnalyzingAsync(_alice, first.Id, requestedAt.AddMinutes(1)));
        Assert.Equal(TransitionOutcome.Applied, await repository.MarkAnalyzedAsync(_alice, first.Id, Analysis(tempo: 91), requestedAt.AddMinutes(2)));
        Assert.Equal((batch, 2, 1, 0), Progress(await repository.GetReanalysisProgressAsync(_alice)));
        Assert.Equal(TransitionOutcome.Applied, await repository.MarkFailedAsync(_alice, second.Id, "decoder crashed", requestedAt.AddMinutes(3)));

        var progress = (await repository.GetReanalysisProgressAsync(_alice))!;
        Assert.Equal((batch, 2, 2, 1), Progress(progress));
        Assert.True(progress.Finished);
        Assert.Equal(91.0, (await repository.GetAsync(_alice, first.Id))!.Analysis!.TempoBpm);
        Assert.Null(await repository.GetReanalysisProgressAsync(_bob));

        // Finished, so the tracks can join the next batch, which is then the one counted.
        var next = Guid.NewGuid();
        Assert.Equal(TransitionOutcome.Applied, await repository.RequestBulkReanalysisAsync(_alice, first.Id, next, 1, requestedAt.AddHours(1)));
        Assert.Equal((next, 1, 0, 0), Progress(await repository.GetReanalysisProgressAsync(_alice)));

        static (Guid, int, int, int) Progress(ReanalysisProgress? p) => (p!.BatchId, p.Total, p.Done, p.Failed);
    }

    [SkippableFact]
    public async Task Reanalysis_of_a_track_not_yet_analysed_is_ignored()
    {
        var repository = Repository;
        var track = NewTrack(_alice, "Fresh");
        await repository.AddUploadedAsync(track);

        Assert.Equal(TransitionOutcome.Ignored, await repository.RequestReanalysisAsync(_alice, track.Id, T0.AddMinutes(1)));
        Assert.Equal(TransitionOutcome.NotFound, await repository.RequestReanalysisAsync(_alice, Guid.NewGuid(), T0.AddMinutes(1)));
    }

    [SkippableFact]
    public async Task Delete_removes_the_track_and_is_idempotent()
    {
        var repository = Repository;
        var track = NewTrack(_alice, "Gone");
        await repository.AddUploadedAsync(track);

        Assert.True(await repository.DeleteAsync(_alice, track.Id));
        Assert.False(await repository.DeleteAsync(_alice, track.Id));
        Assert.Null(await repository.GetAsync(_alice, track.Id));
        Assert.Equal(TransitionOutcome.NotFound, await repository.MarkAnalyzingAsync(_alice, track.Id, T0.AddMinutes(1)));
    }

    private async Task SeedLibraryAsync(ITrackRepository repository)
    {
        await AnalyzedAsync(repository, _alice, "Alpha Dawn", Analysis(tempo: 90, key: "C major", camelot: "8B", lufs: -14, energy: 0.2,
            genres: ["Ambient"], moods: ["Calm"], instruments: ["Piano"], tags: ["sunrise"], description: "A slow piano piece"), T0);
        await AnalyzedAsync(repository, _alice, "beta Drive", Analysis(tempo: 128, key: "A minor", camelot: "8A", lufs: -7, energy: 0.9,
            genres: ["House", "Electronic"], moods: ["Energetic"], instruments: ["Synth"], tags: ["club"], description: "Four on the floor"), T0.AddHours(1));
        await AnalyzedAsync(repository, _alice, "Gamma Road", Analysis(tempo: 100, key: "E minor", camelot: "9A", lufs: -10, energy: 0.6,
            genres: ["Rock"], moods: ["Happy"], instruments: ["Guitar", "Drums"], tags: ["Road-Trip"], description: "Driving guitars"), T0.AddHours(2),
            fileName: "zebra-crossing.mp3", album: "Highway Songs");
        var waiting = NewTrack(_alice, "Delta Demo", T0.AddHours(3), artist: "Moonlight Trio");
        await repository.AddUploadedAsync(waiting);
        await repository.AddUploadedAsync(NewTrack(_bob, "Alpha Dawn (Bob's)", T0.AddHours(4)));
    }

    private async Task<string[]> TitlesAsync(ITrackRepository repository, TrackQuery query) =>
        (await repository.ListAsync(_alice, query)).Items.Select(track => track.Title).ToArray();

    public static TheoryData<string, TrackQuery, string[]> Filters => new()
    {
        { "no filter", new TrackQuery(), ["Alpha Dawn", "beta Drive", "Delta Demo", "Gamma Road"] },
        { "q in title, any case", new TrackQuery { Q = "DRIVE" }, ["beta Drive"] },
        { "q in artist", new TrackQuery { Q = "moonlight" }, ["Delta Demo"] },
        { "q in file name", new TrackQuery { Q = "zebra" }, ["Gamma Road"] },
        { "q in album", new TrackQuery { Q = "highway" }, ["Gamma Road"] },
        { "q equal to a tag, any case", new TrackQuery { Q = "road-trip" }, ["Gamma Road"] },
        { "q equal to a tag", new TrackQuery { Q = "club" }, ["beta Drive"] },
        { "q only part of a tag", new TrackQuery { Q = "clu" }, [] },
        { "q only in the generated description", new TrackQuery { Q = "slow piano" }, [] },
        { "q with regex characters", new TrackQuery { Q = "(.*)" }, [] },
        { "genre, any case", new TrackQuery { Genre = "electronic" }, ["beta Drive"] },
        { "mood", new TrackQuery { Mood = "Calm" }, ["Alpha Dawn"] },
        { "instrument", new TrackQuery { Instrument = "drums" }, ["Gamma Road"] },
        { "key", new TrackQuery { Key = "A minor" }, ["beta Drive"] },
        { "camelot", new TrackQuery { Camelot = "9a" }, ["Gamma Road"] },
        { "bpm range", new TrackQuery { BpmMin = 95, BpmMax = 130 }, ["beta Drive", "Gamma Road"] },
        { "bpm minimum", new TrackQuery { BpmMin = 100 }, ["beta Drive", "Gamma Road"] },
        { "energy range", new TrackQuery { EnergyMin = 0.1, EnergyMax = 0.6 }, ["Alpha Dawn", "Gamma Road"] },
        { "status", new TrackQuery { Status = "uploaded" }, ["Delta Demo"] },
        { "filters combine", new TrackQuery { Genre = "rock", BpmMax = 95 }, [] },
    };

    [SkippableTheory]
    [MemberData(nameof(Filters))]
    public async Task Filters_return_exactly_the_matching_tracks_of_the_user(string because, TrackQuery query, string[] expected)
    {
        var repository = Repository;
        await SeedLibraryAsync(repository);

        var titles = await TitlesAsync(repository, query with { Sort = "title" });

        Assert.True(expected.SequenceEqual(titles), $"{because}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", titles)}]");
    }

    [SkippableFact]
    public async Task A_search_ranks_the_exact_title_then_titles_starting_with_it_then_the_other_matches_newest_first()
    {
        var repository = Repository;
        await AnalyzedAsync(repository, _alice, "Soundtrack", Analysis(), T0);
        await AnalyzedAsync(repository, _alice, "Track 7", Analysis(), T0.AddHours(1));
        await AnalyzedAsync(repository, _alice, "Zulu", Analysis(description: "A techno track"), T0.AddHours(2));
        await AnalyzedAsync(repository, _alice, "Backing", Analysis(), T0.AddHours(3), fileName: "backing-track.wav");
        await AnalyzedAsync(repository, _alice, "TRACK", Analysis(), T0.AddHours(4));
        await AnalyzedAsync(repository, _alice, "Tracks of my years", Analysis(), T0.AddHours(5));

        var titles = await TitlesAsync(repository, new TrackQuery { Q = "track" });

        Assert.Equal(["TRACK", "Tracks of my years", "Track 7", "Backing", "Soundtrack"], titles);
    }

    [SkippableFact]
    public async Task A_search_with_an_explicit_sort_keeps_that_sort()
    {
        var repository = Repository;
        await AnalyzedAsync(repository, _alice, "Track", Analysis(), T0);
        await AnalyzedAsync(repository, _alice, "A track", Analysis(), T0.AddHours(1));

        Assert.Equal(["A track", "Track"], await TitlesAsync(repository, new TrackQuery { Q = "track", Sort = "title" }));
    }

    [SkippableTheory]
    [InlineData("createdAt", new[] { "Alpha Dawn", "beta Drive", "Gamma Road", "Delta Demo" })]
    [InlineData("-createdAt", new[] { "Delta Demo", "Gamma Road", "beta Drive", "Alpha Dawn" })]
    [InlineData("tempoBpm", new[] { "Alpha Dawn", "Gamma Road", "beta Drive" })]
    [InlineData("-tempoBpm", new[] { "beta Drive", "Gamma Road", "Alpha Dawn" })]
    [InlineData("loudnessLufs", new[] { "Alpha Dawn", "Gamma Road", "beta Drive" })]
    [InlineData("-loudnessLufs", new[] { "beta Drive", "Gamma Road", "Alpha Dawn" })]
    [InlineData("energy", new[] { "Alpha Dawn", "Gamma Road", "beta Drive" })]
    [InlineData("-energy", new[] { "beta Drive", "Gamma Road", "Alpha Dawn" })]
    [InlineData("title", new[] { "Alpha Dawn", "beta Drive", "Delta Demo", "Gamma Road" })]
    [InlineData("-title", new[] { "Gamma Road", "Delta Demo", "beta Drive", "Alpha Dawn" })]
    public async Task Each_sort_orders_both_ways(string sort, string[] expected)
    {
        var repository = Repository;
        await SeedLibraryAsync(repository);
        var analysedOnly = sort.TrimStart('-') is "tempoBpm" or "loudnessLufs" or "energy";

        var titles = await TitlesAsync(repository, new TrackQuery { Sort = sort, Status = analysedOnly ? "analyzed" : null });

        Assert.Equal(expected, titles);
    }

    [SkippableFact]
    public async Task An_unknown_sort_is_refused()
    {
        var repository = Repository;

        await Assert.ThrowsAsync<ArgumentException>(() => repository.ListAsync(_alice, new TrackQuery { Sort = "fileName" }));
    }

    [SkippableFact]
    public async Task Pages_cover_every_track_once_with_the_total_count()
    {
        var repository = Repository;
        for (var i = 0; i < 7; i++)
        {
            // Equal creation times: the id must break the tie for pages to be stable.
            await repository.AddUploadedAsync(NewTrack(_alice, $"Track {i}", T0));
        }

        var pages = new List<PagedList<Track>>();
        for (var page = 1; page <= 3; page++)
        {
            pages.Add(await repository.ListAsync(_alice, new TrackQuery { Page = page, PageSize = 3, Sort = "-createdAt" }));
        }

        Assert.Equal([3, 3, 1], pages.Select(page => page.Items.Count));
        Assert.All(pages, page => Assert.Equal(7, page.TotalCount));
        Assert.Equal(7, pages.SelectMany(page => page.Items).Select(track => track.Id).Distinct().Count());
        Assert.Empty((await repository.ListAsync(_alice, new TrackQuery { Page = 4, PageSize = 3 })).Items);
    }

    [SkippableFact]
    public async Task Page_size_is_capped_at_100()
    {
        var repository = Repository;

        var page = await repository.ListAsync(_alice, new TrackQuery { PageSize = 5000 });

        Assert.Equal(TrackQuery.MaxPageSize, page.PageSize);
    }

    [SkippableFact]
    public async Task Embeddings_are_listed_for_the_users_analysed_tracks_only()
    {
        var repository = Repository;
        var analysed = await AnalyzedAsync(repository, _alice, "With vector", Analysis(embedding: [0.5f, 0.25f]));
        await AnalyzedAsync(repository, _alice, "Without vector", Analysis(embedding: []));
        await repository.AddUploadedAsync(NewTrack(_alice, "Not analysed"));
        await AnalyzedAsync(repository, _bob, "Bob's", Analysis());

        var embeddings = await repository.ListEmbeddingsAsync(_alice);

        var only = Assert.Single(embeddings);
        Assert.Equal(analysed.Id, only.TrackId);
        Assert.Equal([0.5f, 0.25f], only.Embedding);
    }

    [SkippableFact]
    public async Task Fingerprints_are_listed_for_the_users_analysed_tracks_near_the_duration_and_never_in_a_list_row()
    {
        var repository = Repository;
        var print = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 };
        var near = await AnalyzedAsync(repository, _alice, "Near", WithPrint(Analysis(), print, 180));
        var self = await AnalyzedAsync(repository, _alice, "Self", WithPrint(Analysis(), print, 181));
        await AnalyzedAsync(repository, _alice, "Far", WithPrint(Analysis(), print, 240));
        await AnalyzedAsync(repository, _alice, "Unprinted", WithPrint(Analysis(), null, 180));
        await AnalyzedAsync(repository, _bob, "Bob's", WithPrint(Analysis(), print, 180));

        var candidates = await repository.ListFingerprintsAsync(_alice, new HashSet<Guid> { self.Id }, 175, 185);
        var row = (await repository.ListAsync(_alice, new TrackQuery { Q = "Near" })).Items.Single();

        var candidate = Assert.Single(candidates);
        Assert.Equal((near.Id, near.CreatedAt, DateTimeKind.Utc), (candidate.TrackId, candidate.CreatedAt, candidate.CreatedAt.Kind));
        Assert.Equal(print, candidate.Fingerprint);
        Assert.Null(row.Analysis!.Fingerprint);
        Assert.Equal(print, (await repository.GetAsync(_alice, near.Id))!.Analysis!.Fingerprint);
    }

    [SkippableFact]
    public async Task Same_recording_links_are_kept_replaced_listed_and_removed_with_a_deleted_track()
    {
        var repository = Repository;
        var a = await AnalyzedAsync(repository, _alice, "A", Analysis());
        var b = await AnalyzedAsync(repository, _alice, "B", Analysis());
        var c = await AnalyzedAsync(repository, _alice, "C", Analysis());
        var pending = NewTrack(_alice, "Pending");
        await repository.AddUploadedAsync(pending);

        await repository.LinkSameRecordingAsync(_alice, a.Id, new SameRecordingLink { TrackId = b.Id, Similarity = 0.9, CreatedAt = b.CreatedAt });
        await repository.LinkSameRecordingAsync(_alice, a.Id, new SameRecordingLink { TrackId = b.Id, Similarity = 0.95, CreatedAt = b.CreatedAt });
        await repository.LinkSameRecordingAsync(_alice, b.Id, new SameRecordingLink { TrackId = a.Id, Similarity = 0.95, CreatedAt = a.CreatedAt });
        await repository.LinkSameRecordingAsync(_alice, c.Id, new SameRecordingLink { TrackId = a.Id, Similarity = 0.85, CreatedAt = a.CreatedAt });
        await repository.LinkSameRecordingAsync(_bob, a.Id, new SameRecordingLink { TrackId = c.Id, Similarity = 1, CreatedAt = c.CreatedAt });
        await repository.LinkSameRecordingAsync(_alice, pending.Id, new SameRecordingLink { TrackId = a.Id, Similarity = 1, CreatedAt = a.CreatedAt });

        var linkedToA = (await repository.GetAsync(_alice, a.Id))!.Analysis!.SameRecordingAs;
        Assert.Equal((b.Id, 0.95), (Assert.Single(linkedToA).TrackId, linkedToA[0].Similarity));
        Assert.Equal(["A", "B", "C"], (await repository.ListWithSameRecordingsAsync(_alice)).Select(track => track.Title).Order());
        Assert.Empty(await repository.ListWithSameRecordingsAsync(_bob));

        Assert.True(await repository.DeleteAsync(_alice, a.Id));

        Assert.Empty((await repository.GetAsync(_alice, b.Id))!.Analysis!.SameRecordingAs);
        Assert.Empty((await repository.GetAsync(_alice, c.Id))!.Analysis!.SameRecordingAs);
        Assert.Empty(await repository.ListWithSameRecordingsAsync(_alice));
    }

    private static TrackAnalysis WithPrint(TrackAnalysis analysis, byte[]? fingerprint, double duration)
    {
        analysis.Fingerprint = fingerprint;
        analysis.DurationSeconds = duration;
        return analysis;
    }

    [SkippableFact]
    public async Task Stuck_tracks_are_those_uploaded_or_analyzing_past_the_deadline_across_users()
    {
        var repository = Repository;
        var deadline = T0.AddHours(1);
        var oldUpload = NewTrack(_alice, "Old upload", T0);
        var oldAnalysis = NewTrack(_bob, "Old analysis", T0);
        var recentUpload = NewTrack(_alice, "Recent upload", deadline.AddMinutes(5));
        var finished = NewTrack(_alice, "Finished", T0);
        foreach (var track in new[] { oldUpload, oldAnalysis, recentUpload, finished })
        {
            await repository.AddUploadedAsync(track);
        }

        await repository.MarkAnalyzingAsync(_bob, oldAnalysis.Id, T0.AddMinutes(10));
        await repository.MarkAnalyzedAsync(_alice, finished.Id, Analysis(), T0.AddMinutes(10));

        var stuck = await repository.FindStuckAsync(deadline, limit: 100);

        Assert.Equal([oldUpload.Id, oldAnalysis.Id], stuck.Select(track => track.Id));
    }

    [SkippableFact]
    public async Task A_recovery_attempt_applies_once_to_a_stuck_track_and_never_to_one_that_moved_on()
    {
        var repository = Repository;
        var stuck = NewTrack(_alice, "Stuck", T0);
        var finished = NewTrack(_alice, "Finished", T0);
        await repository.AddUploadedAsync(stuck);
        await repository.AddUploadedAsync(finished);
        await repository.MarkAnalyzedAsync(_alice, finished.Id, Analysis(), T0.AddMinutes(1));
        var seen = (await repository.GetAsync(_alice, stuck.Id))!.LastEventAt;

        Assert.Equal(TransitionOutcome.Applied, await repository.MarkRecoveryAttemptAsync(_alice, stuck.Id, seen, T0.AddHours(1)));
        Assert.Equal(TransitionOutcome.Ignored, await repository.MarkRecoveryAttemptAsync(_alice, stuck.Id, seen, T0.AddHours(1).AddSeconds(1)));
        Assert.Equal(TransitionOutcome.Ignored, await repository.MarkRecoveryAttemptAsync(_alice, finished.Id, T0.AddMinutes(1).UtcDateTime, T0.AddHours(1)));
        Assert.Equal(TransitionOutcome.NotFound, await repository.MarkRecoveryAttemptAsync(_bob, stuck.Id, T0.AddHours(1).UtcDateTime, T0.AddHours(2)));

        var recovered = (await repository.GetAsync(_alice, stuck.Id))!;
        Assert.Equal(1, recovered.RecoveryAttempts);
        Assert.Equal(TrackStatus.Uploaded, recovered.Status);
        Assert.Equal(T0.AddHours(1).UtcDateTime, recovered.LastEventAt);
        Assert.Empty(await repository.FindStuckAsync(T0.AddMinutes(30), limit: 10));

        // An event of the lost run from before the recovery is ignored; the new run's events apply.
        Assert.Equal(TransitionOutcome.Ignored, await repository.MarkAnalyzingAsync(_alice, stuck.Id, T0.AddMinutes(5)));
        Assert.Equal(TransitionOutcome.Applied, await repository.MarkAnalyzedAsync(_alice, stuck.Id, Analysis(), T0.AddHours(1).AddMinutes(1)));
    }

    private static CorrectionChange Setting(CorrectionValues values) => new(values, []);

    [SkippableFact]
    public async Task Corrections_win_in_the_record_filters_and_sorts_and_keep_what_the_analysis_said()
    {
        var repository = Repository;
        var dnb = await AnalyzedAsync(repository, _alice, "Roller", Analysis(tempo: 85, key: "C major", camelot: "8B", genres: ["Rock"], moods: ["Happy"]));
        await AnalyzedAsync(repository, _alice, "Groove", Analysis(tempo: 120));

        Assert.Equal(TransitionOutcome.Applied, await repository.CorrectAsync(_alice, dnb.Id, Setting(new CorrectionValues(
            TempoBpm: 170, Key: "F#m", TimeSignature: "7/8", Genre: "Drum-and-Bass", Mood: "dark", Instruments: ["Piano", "drums"])), T0.AddHours(1)));

        var stored = (await repository.GetAsync(_alice, dnb.Id))!;
        Assert.Equal((170.0, "F# minor", "minor", "11A", "7/8"),
            (stored.Analysis!.TempoBpm, stored.Analysis.Key, stored.Analysis.KeyMode, stored.Analysis.Camelot, stored.Analysis.TimeSignature));
        Assert.Equal(("drum-and-bass", "dark"), (stored.Analysis.TopGenre, stored.Analysis.TopMood));
        Assert.Equal(["piano", "drums"], stored.Analysis.InstrumentNames);
        var corrections = stored.Corrections!;
        Assert.Equal((170.0, 85.0, CorrectionSource.User), (corrections.TempoBpm!.Value, corrections.TempoBpm.AnalysisValue, corrections.TempoBpm.Source));
        Assert.Equal(("C major", "8B"), (corrections.Key!.AnalysisValue, corrections.Key.AnalysisCamelot));
        Assert.Equal("rock", Assert.Single(corrections.Genre!.AnalysisValue).Name.ToLowerInvariant());
        Assert.Equal(TrackTransitions.Normalize(T0.AddHours(1)), corrections.TempoBpm.SetAt);

        async Task<string[]> Titles(TrackQuery query) => (await repository.ListAsync(_alice, query)).Items.Select(t => t.Title).ToArray();
        Assert.Equal(["Roller"], await Titles(new TrackQuery { BpmMin = 160 }));
        Assert.Equal(["Roller"], await Titles(new TrackQuery { Genre = "drum-and-bass" }));
        Assert.Empty(await Titles(new TrackQuery { Genre = "rock", BpmMin = 150 }));
        Assert.Equal(["Roller"], await Titles(new TrackQuery { Camelot = "11a" }));
        Assert.Equal(["Roller"], await Titles(new TrackQuery { Key = "F# minor" }));
        Assert.Equal(["Roller"], await Titles(new TrackQuery { Mood = "dark" }));
        Assert.Equal(["Roller"], await Titles(new TrackQuery { Instrument = "piano" }));
        Assert.Equal(["Roller", "Groove"], await Titles(new TrackQuery { Sort = "-tempoBpm" }));
        var row = (await repository.ListAsync(_alice, new TrackQuery { Q = "roller" })).Items.Single();
        Assert.Equal((170.0, 85.0), (row.Analysis!.TempoBpm, row.Corrections!.TempoBpm!.AnalysisValue));
        var statistics = await repository.ListMatchingAsync(_alice, new TrackFilter { BpmMin = 160 }, TrackView.Statistics);
        Assert.Equal(170.0, Assert.Single(statistics).Analysis!.TempoBpm);
    }

    [SkippableFact]
    public async Task Corrections_survive_a_reanalysis_which_replaces_only_what_the_analysis_said()
    {
        var repository = Repository;
        var track = await AnalyzedAsync(repository, _alice, "Again", Analysis(tempo: 85, key: "C major", camelot: "8B"));
        await repository.CorrectAsync(_alice, track.Id, Setting(new CorrectionValues(TempoBpm: 170, Key: "A minor")), T0.AddHours(1));

        Assert.Equal(TransitionOutcome.Applied, await repository.RequestReanalysisAsync(_alice, track.Id, T0.AddHours(2)));
        Assert.Equal(TransitionOutcome.Applied, await repository.MarkAnalyzedAsync(_alice, track.Id, Analysis(tempo: 86, key: "G major", camelot: "9B"), T0.AddHours(3)));

        var stored = (await repository.GetAsync(_alice, track.Id))!;
        Assert.Equal((170.0, "A minor", "8A"), (stored.Analysis!.TempoBpm, stored.Analysis.Key, stored.Analysis.Camelot));
        Assert.Equal((86.0, "G major"), (stored.Corrections!.TempoBpm!.AnalysisValue, stored.Corrections.Key!.AnalysisValue));
    }

    /// <summary>An analysis at 140 BPM in C major, house and happy, with the words the analysis wrote for it.</summary>
    private static TrackAnalysis WordedAnalysis(double tempo = 140) => Analysis(
        tempo: tempo, key: "C major", camelot: "8B", genres: ["house"], moods: ["happy"], instruments: ["piano"],
        tags: ["house", $"{tempo}-bpm", "uptempo", "c-major", "camelot-8b", "happy", "piano"],
        description: $"A bright {tempo} BPM house track in C major (8B) with piano. It feels happy.");

    [SkippableFact]
    public async Task Generated_tags_and_description_say_the_corrected_values_and_the_analysis_words_return_when_cleared()
    {
        var repository = Repository;
        var track = await AnalyzedAsync(repository, _alice, "Worded", WordedAnalysis());

        await repository.CorrectAsync(_alice, track.Id, Setting(new CorrectionValues(TempoBpm: 70, Key: "Am", Genre: "drum-and-bass", Mood: "dark")), T0.AddHours(1));
        var corrected = (await repository.GetAsync(_alice, track.Id))!.Analysis!;
        await repository.CorrectAsync(_alice, track.Id, new CorrectionChange(new CorrectionValues(), ["tempoBpm"]), T0.AddHours(2));
        var tempoCleared = (await repository.GetAsync(_alice, track.Id))!.Analysis!;
        async Task<string[]> Found(string text) => (await repository.ListAsync(_alice, new TrackQuery { Q = text })).Items.Select(t => t.Title).ToArray();
        var (found70, found140) = (await Found("70-bpm"), await Found("140-bpm"));
        await repository.CorrectAsync(_alice, track.Id, new CorrectionChange(new CorrectionValues(), CorrectionRules.FieldNames), T0.AddHours(3));
        var cleared = (await repository.GetAsync(_alice, track.Id))!.Analysis!;

        Assert.Subset(corrected.Tags.ToHashSet(), new HashSet<string> { "drum-and-bass", "70-bpm", "slow", "a-minor", "camelot-8a", "dark", "piano" });
        Assert.Empty(corrected.Tags.Intersect(["house", "140-bpm", "uptempo", "c-major", "camelot-8b", "happy"]));
        Assert.StartsWith("A brooding 70 BPM drum and bass track in A minor (8A) with piano. It feels dark.", corrected.Description);
        Assert.Contains("140-bpm", tempoCleared.Tags);
        Assert.Contains("a-minor", tempoCleared.Tags);
        Assert.Contains("140 BPM drum and bass track in A minor", tempoCleared.Description);
        Assert.Equal(["Worded"], found140);
        Assert.Empty(found70);
        Assert.Equal(WordedAnalysis().Tags, cleared.Tags);
        Assert.Equal(WordedAnalysis().Description, cleared.Description);
    }

    [SkippableFact]
    public async Task A_new_analysis_keeps_the_words_of_the_corrected_values_and_clearing_then_gives_the_new_analysis_words()
    {
        var repository = Repository;
        var track = await AnalyzedAsync(repository, _alice, "Reworded", WordedAnalysis());
        await repository.CorrectAsync(_alice, track.Id, Setting(new CorrectionValues(TempoBpm: 70)), T0.AddHours(1));

        await repository.RequestReanalysisAsync(_alice, track.Id, T0.AddHours(2));
        Assert.Equal(TransitionOutcome.Applied, await repository.MarkAnalyzedAsync(_alice, track.Id, WordedAnalysis(tempo: 142), T0.AddHours(3)));
        var reanalysed = (await repository.GetAsync(_alice, track.Id))!.Analysis!;
        await repository.CorrectAsync(_alice, track.Id, new CorrectionChange(new CorrectionValues(), ["tempoBpm"]), T0.AddHours(4));
        var cleared = (await repository.GetAsync(_alice, track.Id))!.Analysis!;

        Assert.Contains("70-bpm", reanalysed.Tags);
        Assert.DoesNotContain("142-bpm", reanalysed.Tags);
        Assert.Contains("70 BPM house track", reanalysed.Description);
        Assert.Equal(WordedAnalysis(tempo: 142).Tags, cleared.Tags);
        Assert.Equal(WordedAnalysis(tempo: 142).Description, cleared.Description);
    }

    [SkippableFact]
    public async Task Clearing_a_correction_restores_the_analysis_value_and_each_change_is_announced()
    {
        var repository = Repository;
        var track = await AnalyzedAsync(repository, _alice, "Undo", Analysis(tempo: 85, genres: ["House"]));
        await repository.CorrectAsync(_alice, track.Id, Setting(new CorrectionValues(TempoBpm: 170, Genre: "techno")), T0.AddHours(1));

        await repository.CorrectAsync(_alice, track.Id, new CorrectionChange(new CorrectionValues(), ["tempoBpm"]), T0.AddHours(2));
        var halfCleared = (await repository.GetAsync(_alice, track.Id))!;
        await repository.CorrectAsync(_alice, track.Id, new CorrectionChange(new CorrectionValues(), CorrectionRules.FieldNames), T0.AddHours(3));
        var cleared = (await repository.GetAsync(_alice, track.Id))!;

        Assert.Equal((85.0, "techno"), (halfCleared.Analysis!.TempoBpm, halfCleared.Analysis.TopGenre));
        Assert.Null(halfCleared.Corrections!.TempoBpm);
        Assert.Equal((85.0, "house", 0.8), (cleared.Analysis!.TempoBpm, cleared.Analysis.TopGenre, cleared.Analysis.Genres.Single().Confidence));
        Assert.Null(cleared.Corrections);
        var announced = cleared.Outbox.Where(message => message.Type == nameof(AudioPlatform.Contracts.TrackCorrected)).ToList();
        Assert.Equal(3, announced.Count);
        Assert.Contains("\"tempoBpm\":170", announced[0].Body);
    }

    [SkippableFact]
    public async Task Another_users_track_cannot_be_corrected_and_a_track_not_analysed_has_nothing_to_correct()
    {
        var repository = Repository;
        var analysed = await AnalyzedAsync(repository, _alice, "Mine", Analysis(tempo: 100));
        var uploaded = NewTrack(_alice, "Fresh");
        await repository.AddUploadedAsync(uploaded);
        var change = Setting(new CorrectionValues(TempoBpm: 200));

        Assert.Equal(TransitionOutcome.NotFound, await repository.CorrectAsync(_bob, analysed.Id, change, T0.AddHours(1)));
        Assert.Equal(TransitionOutcome.Ignored, await repository.CorrectAsync(_alice, uploaded.Id, change, T0.AddHours(1)));
        Assert.Equal(100.0, (await repository.GetAsync(_alice, analysed.Id))!.Analysis!.TempoBpm);
    }

    [SkippableFact]
    public async Task The_users_own_tempo_corrections_are_listed_and_a_preference_shows_as_derived()
    {
        var repository = Repository;
        var first = await AnalyzedAsync(repository, _alice, "One", Analysis(tempo: 85));
        var second = await AnalyzedAsync(repository, _alice, "Two", Analysis(tempo: 86));
        await repository.CorrectAsync(_alice, first.Id, Setting(new CorrectionValues(TempoBpm: 170)), T0.AddHours(1));
        await repository.CorrectAsync(_alice, second.Id, Setting(new CorrectionValues(TempoBpm: 172)), T0.AddHours(1));
        var third = NewTrack(_alice, "Three");
        await repository.AddUploadedAsync(third);

        var pairs = await repository.ListTempoCorrectionsAsync(_alice);
        Assert.Equal(TransitionOutcome.Applied,
            await repository.MarkAnalyzedAsync(_alice, third.Id, Analysis(tempo: 87), T0.AddHours(2), preferredTempoBpm: TempoPreference.PreferredFor(87, pairs)));

        Assert.Equal([(85.0, 170.0), (86.0, 172.0)], pairs.Select(p => (p.AnalysisBpm, p.CorrectedBpm)).Order().ToArray());
        Assert.Empty(await repository.ListTempoCorrectionsAsync(_bob));
        var derived = (await repository.GetAsync(_alice, third.Id))!;
        Assert.Equal((174.0, 87.0, CorrectionSource.Preference),
            (derived.Analysis!.TempoBpm, derived.Corrections!.TempoBpm!.AnalysisValue, derived.Corrections.TempoBpm.Source));
        Assert.Equal(2, (await repository.ListTempoCorrectionsAsync(_alice)).Count);
    }

    [SkippableFact]
    public async Task The_users_tracks_with_a_genre_or_mood_they_set_are_listed_with_their_embeddings()
    {
        var repository = Repository;
        var genre = await AnalyzedAsync(repository, _alice, "Genre", Analysis(embedding: [1f, 0f, 0f]));
        var mood = await AnalyzedAsync(repository, _alice, "Mood", Analysis(embedding: [0f, 1f, 0f]));
        var tempoOnly = await AnalyzedAsync(repository, _alice, "Tempo only", Analysis());
        var bobs = await AnalyzedAsync(repository, _bob, "Bob's", Analysis());
        await repository.CorrectAsync(_alice, genre.Id, Setting(new CorrectionValues(Genre: "Techno")), T0.AddHours(1));
        await repository.CorrectAsync(_alice, mood.Id, Setting(new CorrectionValues(Mood: "calm")), T0.AddHours(1));
        await repository.CorrectAsync(_alice, tempoOnly.Id, Setting(new CorrectionValues(TempoBpm: 140)), T0.AddHours(1));
        await repository.CorrectAsync(_bob, bobs.Id, Setting(new CorrectionValues(Genre: "jazz")), T0.AddHours(1));

        var labelled = (await repository.ListLabelledTracksAsync(_alice)).OrderBy(track => track.Genre is null).ToList();

        Assert.Equal([(genre.Id, "techno", null, 1f), (mood.Id, null, "calm", 0f)],
            labelled.Select(track => (track.TrackId, track.Genre, track.Mood, track.Embedding[0])).ToArray());
        Assert.All(labelled, track => Assert.Null(track.ModelVersion));
        Assert.Equal([bobs.Id], (await repository.ListLabelledTracksAsync(_bob)).Select(track => track.TrackId));
    }
}
