using AudioPlatform.Similarity;

namespace AudioPlatform.Library.Model;

/// <summary>
/// Finds, among one user's tracks, those that are the same recording as a newly analysed one (another file or encoding
/// of the same audio), by their Chromaprint fingerprints, and records the links both ways. Never across users: every
/// read goes through the repository with the track's owner.
/// </summary>
public sealed class SameRecordings(ITrackRepository tracks, ILogger<SameRecordings> logger)
{
    /// <summary>
    /// Copies of one recording differ in length by an encoder's padding or a trimmed lead-in; tracks further apart are
    /// not compared, which keeps the comparison to a handful of fingerprints in a large library.
    /// </summary>
    public const double DurationToleranceSeconds = 5;

    /// <summary>The fingerprint <c>AnalysisCompleted</c> carries (base64), or null when it has none or it is not base64.</summary>
    public static byte[]? Decode(string? base64)
    {
        if (string.IsNullOrEmpty(base64))
        {
            return null;
        }

        var bytes = new byte[base64.Length * 3 / 4];
        return Convert.TryFromBase64String(base64, bytes, out var written) && written >= sizeof(uint) ? bytes[..written] : null;
    }

    /// <summary>
    /// The user's analysed tracks that are the same recording as <paramref name="analysis"/>, most alike first, and which
    /// tracks were compared: <see cref="LinkAsync"/> then compares only the tracks this search did not (and its matches again).
    /// </summary>
    public async Task<SameRecordingSearch> FindAsync(string userId, Guid trackId, TrackAnalysis analysis, CancellationToken cancellationToken) =>
        await SearchAsync(userId, trackId, analysis, SameRecordingSearch.None, cancellationToken);

    /// <summary>
    /// Once the track's analysis is stored: searches again and links each match both ways. Searching after storing is
    /// what finds a copy analysed at the same moment: of two tracks stored concurrently, the second one's search sees the
    /// first. The tracks <paramref name="earlier"/> compared and found different are not compared again (in a large library
    /// that is nearly all of a duration's neighbours); its matches are, so a copy deleted in between is not linked again.
    /// <paramref name="earlier"/> must have been made with the stored analysis's fingerprint; with
    /// <see cref="SameRecordingSearch.None"/> (a redelivered event) everything is compared. Links are replaced, not added
    /// twice, so running this again changes nothing.
    /// </summary>
    public async Task LinkAsync(string userId, Guid trackId, SameRecordingSearch earlier, CancellationToken cancellationToken)
    {
        if (await tracks.GetAsync(userId, trackId, cancellationToken) is not { Status: TrackStatus.Analyzed, Analysis: { } analysis } track)
        {
            return;
        }

        var matches = (await SearchAsync(userId, trackId, analysis, earlier, cancellationToken)).Matches;
        foreach (var match in matches)
        {
            if (!analysis.SameRecordingAs.Any(link => link.TrackId == match.TrackId))
            {
                await tracks.LinkSameRecordingAsync(userId, trackId, match, cancellationToken);
            }

            await tracks.LinkSameRecordingAsync(userId, match.TrackId,
                new SameRecordingLink { TrackId = trackId, Similarity = match.Similarity, CreatedAt = track.CreatedAt }, cancellationToken);
        }

        if (matches.Count > 0)
        {
            logger.LogInformation("Track {TrackId} is the same recording as {Count} other track(s) of its owner", trackId, matches.Count);
        }
    }

    /// <summary>
    /// The matches among the tracks <paramref name="earlier"/> did not compare and among its matches (read again: one may
    /// have been deleted since), most alike first.
    /// </summary>
    private async Task<SameRecordingSearch> SearchAsync(
        string userId, Guid trackId, TrackAnalysis analysis, SameRecordingSearch earlier, CancellationToken cancellationToken)
    {
        if (analysis is not { Fingerprint: { Length: > 0 } fingerprint, DurationSeconds: { } duration })
        {
            return SameRecordingSearch.None;
        }

        var skipped = new HashSet<Guid>(earlier.Compared) { trackId };
        skipped.ExceptWith(earlier.Matches.Select(match => match.TrackId));
        var candidates = await tracks.ListFingerprintsAsync(
            userId, skipped, duration - DurationToleranceSeconds, duration + DurationToleranceSeconds, cancellationToken);
        var matches = candidates
            .Select(candidate => (candidate, similarity: FingerprintMatcher.Similarity(fingerprint, candidate.Fingerprint)))
            .Where(match => match.similarity >= FingerprintMatcher.SameRecording)
            .OrderByDescending(match => match.similarity)
            .Select(match => new SameRecordingLink
            {
                TrackId = match.candidate.TrackId,
                Similarity = Math.Round(match.similarity, 3),
                CreatedAt = match.candidate.CreatedAt,
            });
        return new SameRecordingSearch([.. matches], new HashSet<Guid>(earlier.Compared.Concat(candidates.Select(candidate => candidate.TrackId))));
    }

    /// <summary>Adds or replaces the track's link to <see cref="SameRecordingLink.TrackId"/>; false when it has no analysis to hold it.</summary>
    public static bool Link(Track track, SameRecordingLink link)
    {
        if (track.Analysis is not { } analysis || track.Id == link.TrackId)
        {
            return false;
        }

        analysis.SameRecordingAs.RemoveAll(existing => existing.TrackId == link.TrackId);
        analysis.SameRecordingAs.Add(link);
        return true;
    }

    /// <summary>Removes the track's link to <paramref name="otherTrackId"/>; false when it had none.</summary>
    public static bool Unlink(Track track, Guid otherTrackId) =>
        track.Analysis?.SameRecordingAs.RemoveAll(link => link.TrackId == otherTrackId) > 0;

    /// <summary>
    /// The track repeats a recording the user already had: it is linked to one uploaded before it (at the same instant, the
    /// smaller id counts as first, so of two copies exactly one is the repeat).
    /// </summary>
    public static bool AlreadyInLibrary(Track track) =>
        track.Analysis?.SameRecordingAs.Any(link => link.CreatedAt < track.CreatedAt || (link.CreatedAt == track.CreatedAt && link.TrackId.CompareTo(track.Id) < 0)) == true;

    /// <summary>
    /// The groups of one recording among <paramref name="linked"/> (the tracks with links): tracks joined by links, directly
    /// or through another copy; links to tracks not among them (deleted meanwhile) are left out. Each group's oldest upload
    /// first; the group with the newest upload first.
    /// </summary>
    public static List<List<Track>> Groups(IReadOnlyList<Track> linked)
    {
        var byId = linked.ToDictionary(track => track.Id);
        var parent = linked.ToDictionary(track => track.Id, track => track.Id);
        Guid Root(Guid id)
        {
            while (parent[id] != id)
            {
                id = parent[id] = parent[parent[id]];
            }

            return id;
        }

        foreach (var track in linked)
        {
            foreach (var link in track.Analysis?.SameRecordingAs ?? [])
            {
                if (byId.ContainsKey(link.TrackId))
                {
                    parent[Root(link.TrackId)] = Root(track.Id);
                }
            }
        }

        return linked
            .GroupBy(track => Root(track.Id))
            .Where(group => group.Count() > 1)
            .Select(group => group.OrderBy(track => track.CreatedAt).ThenBy(track => track.Id).ToList())
            .OrderByDescending(group => group.Max(track => track.CreatedAt))
            .ToList();
    }
}

/// <summary>What one search for a track's same recordings found (<see cref="Matches"/>, most alike first) and which tracks it compared.</summary>
public sealed record SameRecordingSearch(List<SameRecordingLink> Matches, IReadOnlySet<Guid> Compared)
{
    /// <summary>No search yet: everything is compared. A new one each time, as its list may become a track's links.</summary>
    public static SameRecordingSearch None => new([], new HashSet<Guid>());
}
