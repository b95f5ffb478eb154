using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AudioPlatform.Identity.Model;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AudioPlatform.Identity.Infrastructure;

/// <summary>
/// Slows password guessing without touching the account: failed attempts are counted per account key
/// (the normalised address typed, whether an account has it or not, so that a lock says nothing about
/// existence) and per client address (an IPv6 client by its /64). Once a key reaches its threshold it is
/// refused for <see cref="IdentityServiceOptions.LockoutDuration"/>, and each failure after that doubles
/// the next wait, up to <see cref="IdentityServiceOptions.MaxLockoutDuration"/>. Sessions and refresh
/// tokens already issued are not affected: a lock stops new sign-ins only.
/// </summary>
/// <remarks>
/// The counts live in Redis when Identity has one (<see cref="RedisSignInThrottle"/>), so that every replica refuses
/// the same guesses; a single Identity without one keeps them in memory (<see cref="MemorySignInThrottle"/>).
/// </remarks>
public static class SignInThrottle
{
    /// <summary>A key's failures are forgotten after this long without a new one.</summary>
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromDays(1);

    public static string AccountKey(string normalizedEmail) => "account:" + normalizedEmail;

    public static string ClientKey(IPAddress? address)
    {
        if (address is null)
        {
            return "client:unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            // One subscriber usually holds a whole /64: counting single addresses would let it rotate freely.
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            address = new IPAddress(bytes);
        }

        return "client:" + address;
    }

    /// <summary>Retry-After's delta-seconds, rounded up so that a client waiting that long is let in.</summary>
    public static string RetryAfterHeader(TimeSpan wait) =>
        ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>"15 minutes", "1 minute", "40 seconds": the wait in the words of a page.</summary>
    public static string Describe(TimeSpan wait) => wait.TotalSeconds <= 60
        ? Plural((long)Math.Ceiling(wait.TotalSeconds), "second")
        : wait.TotalMinutes <= 120 ? Plural((long)Math.Ceiling(wait.TotalMinutes), "minute") : Plural((long)Math.Ceiling(wait.TotalHours), "hour");

    private static string Plural(long count, string unit) => count == 1 ? $"1 {unit}" : $"{count} {unit}s";

    /// <summary>
    /// The wait after <paramref name="count"/> failures in a row: none below <paramref name="threshold"/>, then the first
    /// lock doubled per failure beyond it, capped.
    /// </summary>
    public static TimeSpan? Lockout(int count, int threshold, TimeSpan firstLock, TimeSpan longestLock)
    {
        if (count < threshold)
        {
            return null;
        }

        // Capped shift: 2^20 times a day still fits in a long of ticks.
        var doublings = Math.Min(count - threshold, 20);
        return TimeSpan.FromTicks(Math.Min(longestLock.Ticks, firstLock.Ticks << doublings));
    }
}

/// <summary>The failure counts of <see cref="SignInThrottle"/>, wherever they are kept.</summary>
public interface ISignInThrottle
{
    /// <summary>How long the longest-refused of <paramref name="keys"/> must still wait, or null when none is refused.</summary>
    Task<TimeSpan?> RetryAfterAsync(params string[] keys);

    Task RecordFailureAsync(string key, int threshold);

    /// <summary>After a successful sign-in: the account starts afresh (a client address does not, or one valid account would reset it).</summary>
    Task ForgetAsync(string key);
}

/// <summary>
/// Counts in this process: a restart forgets them, and a flood of new keys beyond <see cref="MaxKeys"/> evicts the
/// oldest, which the per-address request limit makes slow.
/// </summary>
public sealed class MemorySignInThrottle(IOptions<IdentityServiceOptions> options, TimeProvider time) : ISignInThrottle, IDisposable
{
    public const int MaxKeys = 100_000;

    private readonly MemoryCache _failures = new(new MemoryCacheOptions { SizeLimit = MaxKeys });

    public Task<TimeSpan?> RetryAfterAsync(params string[] keys)
    {
        var now = time.GetUtcNow();
        TimeSpan? longest = null;
        foreach (var key in keys)
        {
            if (_failures.TryGetValue(key, out Failures? failures) && failures!.Wait(now) is { } wait && (longest is null || wait > longest))
            {
                longest = wait;
            }
        }

        return Task.FromResult(longest);
    }

    public Task RecordFailureAsync(string key, int threshold)
    {
        var now = time.GetUtcNow();
        var failures = _failures.GetOrCreate(key, entry =>
        {
            entry.Size = 1;
            entry.SlidingExpiration = SignInThrottle.ForgetAfter + options.Value.MaxLockoutDuration;
            return new Failures();
        })!;
        failures.Record(now, threshold, options.Value.LockoutDuration, options.Value.MaxLockoutDuration);
        return Task.CompletedTask;
    }

    public Task ForgetAsync(string key)
    {
        _failures.Remove(key);
        return Task.CompletedTask;
    }

    public void Dispose() => _failures.Dispose();

    private sealed class Failures
    {
        private readonly Lock _gate = new();
        private int _count;
        private DateTimeOffset _last;
        private DateTimeOffset _refusedUntil;

        public TimeSpan? Wait(DateTimeOffset now)
        {
            lock (_gate)
            {
                return _refusedUntil > now ? _refusedUntil - now : null;
            }
        }

        public void Record(DateTimeOffset now, int threshold, TimeSpan firstLock, TimeSpan longestLock)
        {
            lock (_gate)
            {
                if (now - _last > SignInThrottle.ForgetAfter)
                {
                    _count = 0;
                }

                _count++;
                _last = now;
                if (SignInThrottle.Lockout(_count, threshold, firstLock, longestLock) is { } lockout)
                {
                    _refusedUntil = now + lockout;
                }
            }
        }
    }
}

/// <summary>
/// Counts in Redis, one hash per key (<c>count</c>, <c>last</c>, <c>until</c> in Unix milliseconds), updated by one
/// script so that two replicas recording at once both count; the hash expires when the memory one would.
/// </summary>
public sealed class RedisSignInThrottle(IConnectionMultiplexer redis, IOptions<IdentityServiceOptions> options, TimeProvider time) : ISignInThrottle
{
    private const string Prefix = SharedStateExtensions.KeyPrefix + "identity:throttle:";

    // One failure, counted atomically; the count starts again after ForgetAfter without one. Times in Unix ms.
    private static readonly LuaScript Record = LuaScript.Prepare("""
        local now = tonumber(@now)
        local count = tonumber(redis.call('HGET', @key, 'count') or '0')
        local last = tonumber(redis.call('HGET', @key, 'last') or '0')
        if now - last > tonumber(@forgetAfter) then count = 0 end
        count = count + 1
        redis.call('HSET', @key, 'count', count, 'last', @now)
        redis.call('PEXPIRE', @key, @expiry)
        return count
        """);

    public async Task<TimeSpan?> RetryAfterAsync(params string[] keys)
    {
        var database = redis.GetDatabase();
        var now = time.GetUtcNow();
        TimeSpan? longest = null;
        foreach (var key in keys)
        {
            var until = await database.HashGetAsync(Prefix + key, "until");
            if (until.TryParse(out long untilMs) && DateTimeOffset.FromUnixTimeMilliseconds(untilMs) - now is { } wait
                && wait > TimeSpan.Zero && (longest is null || wait > longest))
            {
                longest = wait;
            }
        }

        return longest;
    }

    public async Task RecordFailureAsync(string key, int threshold)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var database = redis.GetDatabase();
        var count = (int)await database.ScriptEvaluateAsync(Record, new
        {
            key = (RedisKey)(Prefix + key),
            now = now.ToUnixTimeMilliseconds(),
            forgetAfter = (long)SignInThrottle.ForgetAfter.TotalMilliseconds,
            expiry = (long)(SignInThrottle.ForgetAfter + settings.MaxLockoutDuration).TotalMilliseconds,
        });
        if (SignInThrottle.Lockout(count, threshold, settings.LockoutDuration, settings.MaxLockoutDuration) is { } lockout)
        {
            await database.HashSetAsync(Prefix + key, "until", (now + lockout).ToUnixTimeMilliseconds());
        }
    }

    public Task ForgetAsync(string key) => redis.GetDatabase().KeyDeleteAsync(Prefix + key);
}
