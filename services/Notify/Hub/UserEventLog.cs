using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AudioPlatform.Notify.Hub;

/// <summary>
/// Each user's recent notifications and their numbering. Every Notify replica hears every event (a queue per instance)
/// and appends it here; the append is idempotent per event, so all replicas give an event the same number.
/// </summary>
public interface IUserEventLog
{
    /// <summary>The notification numbered: a new number for an event not seen before, the one it already has otherwise.</summary>
    Task<Notification> AppendAsync(string userId, Guid eventId, Notification draft);

    /// <summary>
    /// What came after <paramref name="afterSeq"/>. <c>Complete</c> is false when some of it is no longer kept (or the
    /// number is from the future), so the client must reload instead of trusting the replay.
    /// </summary>
    Task<(IReadOnlyList<Notification> Missed, bool Complete)> SinceAsync(string userId, long afterSeq);

    Task<long> LastSeqAsync(string userId);
}

/// <summary>In this process: right for a single Notify (tests, a process run by hand); replicas need <see cref="RedisUserEventLog"/>.</summary>
public sealed class MemoryUserEventLog(IOptions<NotifyOptions> options) : IUserEventLog
{
    private readonly ConcurrentDictionary<string, UserEventBuffer> _buffers = new();

    public UserEventBuffer BufferOf(string userId) =>
        _buffers.GetOrAdd(userId, _ => new UserEventBuffer(options.Value.BufferPerUser));

    public Task<Notification> AppendAsync(string userId, Guid eventId, Notification draft) =>
        Task.FromResult(BufferOf(userId).Append(seq => draft with { Seq = seq }));

    public Task<(IReadOnlyList<Notification> Missed, bool Complete)> SinceAsync(string userId, long afterSeq) =>
        Task.FromResult(BufferOf(userId).Since(afterSeq));

    public Task<long> LastSeqAsync(string userId) => Task.FromResult(BufferOf(userId).LastSeq);
}

/// <summary>
/// In Redis, per user (keys hash-tagged by user, so a cluster keeps them on one node): a counter (the last number), a
/// stream whose entry ids are the numbers (<c>{seq}-0</c>), trimmed to <see cref="NotifyOptions.BufferPerUser"/> entries
/// and to <see cref="NotifyOptions.BufferAge"/>, and per event the number it got (kept as long as the buffer), which is
/// what makes the replicas' appends of one event agree.
/// </summary>
public sealed class RedisUserEventLog(IConnectionMultiplexer redis, IOptions<NotifyOptions> options, TimeProvider time) : IUserEventLog
{
    /// <summary>A user quiet for this long starts numbering afresh; a client resuming with an older number is told to reload.</summary>
    public static readonly TimeSpan CounterLifetime = TimeSpan.FromDays(30);

    // Numbers the event unless another replica already did; trims the oldest entries past the age (a bounded number per
    // append: the rest go on later appends, and readers skip them meanwhile).
    private static readonly LuaScript Append = LuaScript.Prepare("""
        local known = redis.call('GET', @eventKey)
        if known then return tonumber(known) end
        local seq = redis.call('INCR', @counterKey)
        redis.call('XADD', @streamKey, 'MAXLEN', @capacity, seq .. '-0', 't', @now, 'n', @notification)
        redis.call('SET', @eventKey, seq, 'PX', @maxAge)
        local cutoff = tonumber(@now) - tonumber(@maxAge)
        for _, entry in ipairs(redis.call('XRANGE', @streamKey, '-', '+', 'COUNT', 100)) do
          if tonumber(entry[2][2]) >= cutoff then break end
          redis.call('XDEL', @streamKey, entry[1])
        end
        redis.call('PEXPIRE', @streamKey, @maxAge)
        redis.call('PEXPIRE', @counterKey, @counterLifetime)
        return seq
        """);

    public async Task<Notification> AppendAsync(string userId, Guid eventId, Notification draft)
    {
        var settings = options.Value;
        var seq = (long)await redis.GetDatabase().ScriptEvaluateAsync(Append, new
        {
            eventKey = (RedisKey)$"{Prefix(userId)}event:{eventId:N}",
            counterKey = CounterKey(userId),
            streamKey = StreamKey(userId),
            capacity = settings.BufferPerUser,
            now = time.GetUtcNow().ToUnixTimeMilliseconds(),
            maxAge = (long)settings.BufferAge.TotalMilliseconds,
            counterLifetime = (long)CounterLifetime.TotalMilliseconds,
            notification = JsonSerializer.Serialize(draft with { Seq = 0 }, NotificationHub.Json),
        });
        return draft with { Seq = seq };
    }

    public async Task<(IReadOnlyList<Notification> Missed, bool Complete)> SinceAsync(string userId, long afterSeq)
    {
        var database = redis.GetDatabase();
        var last = await LastSeqAsync(userId);
        if (afterSeq > last)
        {
            return ([], false);
        }

        var cutoff = time.GetUtcNow().ToUnixTimeMilliseconds() - (long)options.Value.BufferAge.TotalMilliseconds;
        var entries = await database.StreamRangeAsync(StreamKey(userId), minId: $"{afterSeq + 1}-0", maxId: "+");
        var kept = entries
            .Where(entry => (long)entry["t"] >= cutoff)
            .Select(entry => JsonSerializer.Deserialize<Notification>((string)entry["n"]!, NotificationHub.Json)! with
            {
                Seq = long.Parse(((string)entry.Id!).Split('-')[0], System.Globalization.CultureInfo.InvariantCulture),
            })
            .ToList();

        // Numbers have no gaps and only the oldest entries go: all is there when every number up to `last` is.
        return (kept, kept.Count(notification => notification.Seq <= last) == last - afterSeq);
    }

    public async Task<long> LastSeqAsync(string userId) =>
        (long?)await redis.GetDatabase().StringGetAsync(CounterKey(userId)) ?? 0;

    private static string Prefix(string userId) => $"{SharedStateExtensions.KeyPrefix}notify:{{{userId}}}:";

    private static RedisKey CounterKey(string userId) => Prefix(userId) + "seq";

    private static RedisKey StreamKey(string userId) => Prefix(userId) + "events";
}
