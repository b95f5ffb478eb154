using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AudioPlatform.Contracts;
using AudioPlatform.Library.Model;
using AudioPlatform.Similarity;

namespace AudioPlatform.Library.Tests;

/// <summary>
/// Duplicates by audio fingerprint, through the consumer and the API: the same recording in two files is grouped and
/// the later upload flagged; another recording, another user's copy and a deleted copy are not.
/// </summary>
public sealed class SameRecordingTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly LibraryHost _host = new();
    private readonly string _alice = $"alice-{Guid.NewGuid():N}";
    private readonly string _bob = $"bob-{Guid.NewGuid():N}";

    public void Dispose() => _host.Dispose();

    /// <summary>Random sub-fingerprints: two unrelated prints agree on about half their bits.</summary>
    private static uint[] Print(int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, 900).Select(_ => (uint)random.NextInt64(0, 1L << 32)).ToArray();
    }

    /// <summary>The print as another encoding gives it: one bit in 16 flipped (about 94 % equal).</summary>
    private static uint[] Reencoded(uint[] points) => points.Select(point => point ^ 0x0101u).ToArray();

    private async Task<Guid> AnalysedAsync(string userId, string fileName, uint[]? print, double duration, int minutes)
    {
        var id = Guid.NewGuid();
        var correlation = Guid.NewGuid();
        await _host.Bus.Bus.Publish(new TrackUploaded(id, $"audio/{userId}/{id}", fileName, Path.GetExtension(fileName)[1..], 1000, null, null)
        {
            UserId = userId, CorrelationId = correlation, OccurredAt = T0.AddMinutes(minutes),
        });
        await UntilAsync(userId, id, track => track is not null);
        await _host.Bus.Bus.Publish(new AnalysisCompleted(id, $$"""{ "durationSeconds": {{duration}} }""", "test")
        {
            UserId = userId, CorrelationId = correlation, OccurredAt = T0.AddMinutes(minutes + 1),
            Fingerprint = print is null ? null : Convert.ToBase64String(FingerprintMatcher.ToBytes(print)),
        });
        await UntilAsync(userId, id, track => track?.Status == TrackStatus.Analyzed);
        return id;
    }

    /// <summary>Waits for the consumer (the harness's in-memory bus delivers on its own threads) to leave the track as expected.</summary>
    private async Task UntilAsync(string userId, Guid id, Func<Track?, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!done(await _host.Tracks.GetAsync(userId, id)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"track {id} did not reach the expected state");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task The_same_recording_in_two_files_is_grouped_and_the_later_one_flagged_never_across_users()
    {
        var song = Print(1);
        var wav = await AnalysedAsync(_alice, "song.wav", song, 180.0, minutes: 1);
        var mp3 = await AnalysedAsync(_alice, "song.mp3", Reencoded(song), 180.05, minutes: 3);
        var other = await AnalysedAsync(_alice, "other.flac", Print(2), 181, minutes: 5);
        var noPrint = await AnalysedAsync(_alice, "unprinted.ogg", null, 180, minutes: 7);
        var bobs = await AnalysedAsync(_bob, "song.wav", song, 180, minutes: 9);
        using var alice = _host.Client(_alice);
        using var bob = _host.Client(_bob);

        var mp3Detail = await alice.GetFromJsonAsync<JsonElement>($"/api/v1/audio/{mp3}");
        var wavDetail = await alice.GetFromJsonAsync<JsonElement>($"/api/v1/audio/{wav}");
        var otherDetail = await alice.GetFromJsonAsync<JsonElement>($"/api/v1/audio/{other}");
        var noPrintDetail = await alice.GetFromJsonAsync<JsonElement>($"/api/v1/audio/{noPrint}");
        var bobsDetail = await bob.GetFromJsonAsync<JsonElement>($"/api/v1/audio/{bobs}");

        var same = mp3Detail.GetProperty("sameRecordingAs").EnumerateArray().Single();
        Assert.Equal((wav, "song.wav", "wav"), (same.GetProperty("id").GetGuid(), same.GetProperty("fileName").GetString(), same.GetProperty("format").GetString()));
        Assert.InRange(same.GetProperty("similarity").GetDouble(), 0.9, 0.99);
        Assert.True(mp3Detail.GetProperty("alreadyInLibrary").GetBoolean());
        Assert.Equal(mp3, wavDetail.GetProperty("sameRecordingAs").EnumerateArray().Single().GetProperty("id").GetGuid());
        Assert.False(wavDetail.GetProperty("alreadyInLibrary").GetBoolean());
        Assert.Empty(otherDetail.GetProperty("sameRecordingAs").EnumerateArray());
        Assert.Empty(noPrintDetail.GetProperty("sameRecordingAs").EnumerateArray());
        Assert.Empty(bobsDetail.GetProperty("sameRecordingAs").EnumerateArray());
        Assert.False(mp3Detail.GetProperty("analysis").TryGetProperty("fingerprint", out _), "the detail carries the fingerprint");

        var rows = (await alice.GetFromJsonAsync<JsonElement>("/api/v1/audio?sort=createdAt")).GetProperty("items").EnumerateArray()
            .ToDictionary(row => row.GetProperty("id").GetGuid());
        Assert.Equal((1, true), (rows[mp3].GetProperty("sameRecordingCount").GetInt32(), rows[mp3].GetProperty("alreadyInLibrary").GetBoolean()));
        Assert.Equal((1, false), (rows[wav].GetProperty("sameRecordingCount").GetInt32(), rows[wav].GetProperty("alreadyInLibrary").GetBoolean()));
        Assert.Equal(0, rows[other].GetProperty("sameRecordingCount").GetInt32());
        Assert.False(rows[mp3].GetProperty("analysis").TryGetProperty("fingerprint", out _));

        var groups = (await alice.GetFromJsonAsync<JsonElement>("/api/v1/library/duplicates")).GetProperty("groups").EnumerateArray().ToList();
        var group = Assert.Single(groups).GetProperty("tracks").EnumerateArray().ToList();
        Assert.Equal([wav, mp3], group.Select(track => track.GetProperty("id").GetGuid()));
        Assert.Equal((180.05, "mp3", 1000L), (group[1].GetProperty("durationSeconds").GetDouble(), group[1].GetProperty("format").GetString(), group[1].GetProperty("sizeBytes").GetInt64()));
        Assert.Empty((await bob.GetFromJsonAsync<JsonElement>("/api/v1/library/duplicates")).GetProperty("groups").EnumerateArray());
    }

    [Fact]
    public async Task Three_copies_make_one_group_and_a_deleted_copy_leaves_it()
    {
        var song = Print(3);
        var first = await AnalysedAsync(_alice, "a.wav", song, 200, minutes: 1);
        var second = await AnalysedAsync(_alice, "a.mp3", Reencoded(song), 200, minutes: 3);
        var third = await AnalysedAsync(_alice, "a.flac", song, 201, minutes: 5);
        using var alice = _host.Client(_alice);

        var before = (await alice.GetFromJsonAsync<JsonElement>("/api/v1/library/duplicates")).GetProperty("groups");
        Assert.Equal([first, second, third], Assert.Single(before.EnumerateArray()).GetProperty("tracks").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()));

        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"/api/v1/audio/{first}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"/api/v1/audio/{second}")).StatusCode);

        Assert.Empty((await alice.GetFromJsonAsync<JsonElement>("/api/v1/library/duplicates")).GetProperty("groups").EnumerateArray());
        var remaining = await alice.GetFromJsonAsync<JsonElement>($"/api/v1/audio/{third}");
        Assert.Empty(remaining.GetProperty("sameRecordingAs").EnumerateArray());
        Assert.False(remaining.GetProperty("alreadyInLibrary").GetBoolean());
    }

    [Fact]
    public async Task Tracks_further_apart_in_duration_than_the_tolerance_are_not_compared()
    {
        var song = Print(4);
        var full = await AnalysedAsync(_alice, "full.wav", song, 200, minutes: 1);
        await AnalysedAsync(_alice, "edit.wav", song, 200 + SameRecordings.DurationToleranceSeconds + 1, minutes: 3);

        var detail = await _host.Tracks.GetAsync(_alice, full);

        Assert.Empty(detail!.Analysis!.SameRecordingAs);
        Assert.NotNull(detail.Analysis.Fingerprint);
    }

    [Fact]
    public void A_fingerprint_that_is_not_base64_is_no_fingerprint() =>
        Assert.Equal((null, null, 8), (SameRecordings.Decode("not base64!"), SameRecordings.Decode(null), SameRecordings.Decode(Convert.ToBase64String(new byte[8]))!.Length));
}
