using System.Threading.RateLimiting;
using AudioPlatform.ServiceDefaults;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RedisRateLimiting;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What replicas of one service must share (sessions, key rings, rate-limit windows, Notify's per-user streams) lives in
/// the Redis the AppHost provides in both modes (<c>ConnectionStrings:redis</c>). A service started without one (a test
/// host, a single process run by hand) keeps that state in its own memory, as it did before replicas existed.
/// </summary>
public static class SharedStateExtensions
{
    /// <summary>Where every key the platform writes to Redis starts, so that one Redis can serve other things too.</summary>
    public const string KeyPrefix = "audioplatform:";

    /// <summary>True when a Redis is configured; then <see cref="IConnectionMultiplexer"/> is registered (health check and traces included).</summary>
    public static bool AddSharedStateStore(this IHostApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(ResourceNames.Redis)))
        {
            return false;
        }

        if (!builder.Services.Any(service => service.ServiceType == typeof(IConnectionMultiplexer)))
        {
            builder.AddRedisClient(ResourceNames.Redis);
        }

        return true;
    }

    /// <summary>
    /// The data-protection key ring of <paramref name="applicationName"/>, in Redis when there is one, so that every replica
    /// reads what another protected (cookies, antiforgery tokens, sessions); otherwise <paramref name="alone"/> says where.
    /// </summary>
    public static IDataProtectionBuilder AddSharedDataProtection(
        this IHostApplicationBuilder builder, string applicationName, Action<IDataProtectionBuilder>? alone = null)
    {
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName(applicationName);
        if (builder.AddSharedStateStore())
        {
            dataProtection.Services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
                .Configure<IConnectionMultiplexer>((keys, redis) => keys.XmlRepository =
                    new Microsoft.AspNetCore.DataProtection.StackExchangeRedis.RedisXmlRepository(
                        () => redis.GetDatabase(), $"{KeyPrefix}{applicationName}:data-protection-keys"));
        }
        else
        {
            alone?.Invoke(dataProtection);
        }

        return dataProtection;
    }
}

/// <summary>Fixed-window limits that hold across replicas when a Redis is registered, and per process otherwise.</summary>
public static class SharedRateLimitPartition
{
    public static RateLimitPartition<string> FixedWindow(string key, int permits, TimeSpan window, IConnectionMultiplexer? redis) =>
        redis is null
            ? RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = window,
                QueueLimit = 0,
            })
            : RedisRateLimitPartition.GetFixedWindowRateLimiter(SharedStateExtensions.KeyPrefix + "rate:" + key, _ => new RedisFixedWindowRateLimiterOptions
            {
                ConnectionMultiplexerFactory = () => redis,
                PermitLimit = permits,
                Window = window,
            });
}
