namespace AudioPlatform.Notify.Hub;

/// <summary>
/// The recent notifications of one user, bounded. Appends assign the next sequence number.
/// </summary>
public sealed class UserEventBuffer(int capacity)
{
    private readonly Queue<Notification> _recent = new();
    private readonly Lock _lock = new();
    private long _lastSeq;

    public long LastSeq
    {
        get { lock (_lock) { return _lastSeq; } }
    }

    public Notification Append(Func<long, Notification> create)
    {
        lock (_lock)
        {
            var notification = create(++_lastSeq);
            _recent.Enqueue(notification);
            while (_recent.Count > capacity)
            {
                _recent.Dequeue();
            }

            return notification;
        }
    }

    /// <summary>
    /// What came after <paramref name="afterSeq"/>. <c>Complete</c> is false when some of it has
    /// already been dropped from the buffer (or the number is from the future, e.g. another
    /// instance's numbering), so the client must reload instead of trusting the replay.
    /// </summary>
    public (IReadOnlyList<Notification> Missed, bool Complete) Since(long afterSeq)
    {
        lock (_lock)
        {
            if (afterSeq > _lastSeq)
            {
                return ([], false);
            }

            var missed = _recent.Where(n => n.Seq > afterSeq).ToList();
            var oldestKept = _recent.Count > 0 ? _recent.Peek().Seq : _lastSeq + 1;
            return (missed, afterSeq + 1 >= oldestKept);
        }
    }
}
