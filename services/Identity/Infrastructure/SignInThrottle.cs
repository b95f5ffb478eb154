using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AudioPlatform.Identity.Model;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

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
/// Kept in memory (Identity runs as one instance): a restart forgets the counts, and a flood of new keys
/// beyond <see cref="MaxKeys"/> evicts the oldest, which the per-address request limit makes slow.
/// </remarks>
public sealed class SignInThrottle(IOptions<IdentityServiceOptions> options, TimeProvider time) : IDisposable
{
    /// <summary>A key's failures are forgotten after this long without a new one.</summary>
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromDays(1);

    public const int MaxKeys = 100_000;

    private readonly MemoryCache _failures = new(new MemoryCacheOptions { SizeLimit = MaxKeys });

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

    /// <summary>How long the longest-refused of <paramref name="keys"/> must still wait, or null when none is refused.</summary>
    public TimeSpan? RetryAfter(params ReadOnlySpan<string> keys)
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

        return longest;
    }

    public void RecordFailure(string key, int threshold)
    {
        var now = time.GetUtcNow();
        var failures = _failures.GetOrCreate(key, entry =>
        {
            entry.Size = 1;
            entry.SlidingExpiration = ForgetAfter + options.Value.MaxLockoutDuration;
            return new Failures();
        })!;
        failures.Record(now, threshold, options.Value.LockoutDuration, options.Value.MaxLockoutDuration);
    }

    /// <summary>After a successful sign-in: the account starts afresh (a client address does not, or one valid account would reset it).</summary>
    public void Forget(string key) => _failures.Remove(key);

    /// <summary>Retry-After's delta-seconds, rounded up so that a client waiting that long is let in.</summary>
    public static string RetryAfterHeader(TimeSpan wait) =>
        ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>"15 minutes", "1 minute", "40 seconds": the wait in the words of a page.</summary>
    public static string Describe(TimeSpan wait) => wait.TotalSeconds <= 60
        ? Plural((long)Math.Ceiling(wait.TotalSeconds), "second")
        : wait.TotalMinutes <= 120 ? Plural((long)Math.Ceiling(wait.TotalMinutes), "minute") : Plural((long)Math.Ceiling(wait.TotalHours), "hour");

    private static string Plural(long count, string unit) => count == 1 ? $"1 {unit}" : $"{count} {unit}s";

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
                if (now - _last > ForgetAfter)
                {
                    _count = 0;
                }

                _count++;
                _last = now;
                if (_count >= threshold)
                {
                    // Capped shift: 2^20 times a day still fits in a long of ticks.
                    var doublings = Math.Min(_count - threshold, 20);
                    var lockout = TimeSpan.FromTicks(Math.Min(longestLock.Ticks, firstLock.Ticks << doublings));
                    _refusedUntil = now + lockout;
                }
            }
        }
    }
}
