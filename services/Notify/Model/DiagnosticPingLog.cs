using System.Collections.Concurrent;

namespace AudioPlatform.Notify.Model;

public sealed record ReceivedPing(Guid PingId, string PublishedBy, string? TraceId, DateTimeOffset ReceivedAt);

/// <summary>
/// The last diagnostic pings this instance consumed, each with the user who sent it, bounded so it cannot grow without limit.
/// </summary>
public sealed class DiagnosticPingLog
{
    private const int Capacity = 256;
    private readonly ConcurrentDictionary<Guid, (string UserId, ReceivedPing Ping)> _pings = new();
    private readonly ConcurrentQueue<Guid> _order = new();

    public void Record(string userId, ReceivedPing ping)
    {
        if (!_pings.TryAdd(ping.PingId, (userId, ping)))
        {
            return;
        }

        _order.Enqueue(ping.PingId);
        while (_order.Count > Capacity && _order.TryDequeue(out var oldest))
        {
            _pings.TryRemove(oldest, out _);
        }
    }

    /// <summary>The ping, when <paramref name="userId"/> sent it.</summary>
    public ReceivedPing? Find(string userId, Guid pingId) =>
        _pings.TryGetValue(pingId, out var entry) && entry.UserId == userId ? entry.Ping : null;
}
