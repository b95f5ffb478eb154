using StackExchange.Redis;

namespace AudioPlatform.Library.Reconciliation;

/// <summary>
/// Which Library replica reconciles: one at a time, so a track stuck for good is failed once, not once per replica.
/// The holder renews the lease every pass; when it dies, another replica takes over once the lease runs out.
/// </summary>
public interface IReconcilerLease
{
    /// <summary>True when this process holds the lease for the next <paramref name="duration"/> (taken or renewed).</summary>
    Task<bool> TryHoldAsync(TimeSpan duration);
}

/// <summary>A lease in the Redis the replicas share, with StackExchange.Redis's lock primitives (SET NX PX; renewed only by its holder).</summary>
public sealed class RedisReconcilerLease(IConnectionMultiplexer redis) : IReconcilerLease
{
    private static readonly RedisKey Key = SharedStateExtensions.KeyPrefix + "library:reconciler-lease";

    /// <summary>This process, told apart from another replica on the same host.</summary>
    public string Holder { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    public async Task<bool> TryHoldAsync(TimeSpan duration)
    {
        var database = redis.GetDatabase();
        return await database.LockExtendAsync(Key, Holder, duration) || await database.LockTakeAsync(Key, Holder, duration);
    }
}

/// <summary>Without a shared store there is one Library process, and it always holds the lease.</summary>
public sealed class SingleProcessReconcilerLease : IReconcilerLease
{
    public Task<bool> TryHoldAsync(TimeSpan duration) => Task.FromResult(true);
}
