using System.Collections.Concurrent;

namespace AudioPlatform.Notify.Model;

public sealed record ReceivedPing(Guid PingId, string PublishedBy, string? TraceId, DateTimeOffset ReceivedAt);

/// <summary>The last diagnostic pings this instance consumed, bounded so it cannot grow without limit.</summary>
public sealed class DiagnosticPingLog
{
    private const int Capacity = 256;
    private readonly ConcurrentDictionary<Guid, ReceivedPing> _pings = new();
    private readonly ConcurrentQueue<Guid> _order = new();

    public void Record(ReceivedPing ping)
    {
        if (!_pings.TryAdd(ping.PingId, ping))
        {
            return;
        }

        _order.Enqueue(ping.PingId);
        while (_order.Count > Capacity && _order.TryDequeue(out var oldest))
        {
            _pings.TryRemove(oldest, out _);
        }
    }

    public ReceivedPing? Find(Guid pingId) => _pings.GetValueOrDefault(pingId);
}
