using AudioPlatform.Notify.Hub;
using AudioPlatform.Notify.IntegrationEvents;
using AudioPlatform.Notify.Model;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AudioPlatform.Notify.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<NotifyOptions>()
            .BindConfiguration("Notify")
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<WebSocketOptions>().Configure<IOptions<NotifyOptions>>((sockets, notify) =>
        {
            sockets.KeepAliveInterval = notify.Value.KeepAliveInterval;
            sockets.KeepAliveTimeout = notify.Value.KeepAliveTimeout;
        });
        builder.AddDefaultAuthentication();
        // Replicas number and keep each user's events in Redis (one numbering, resumable on any replica).
        if (builder.AddSharedStateStore())
        {
            builder.Services.TryAddSingleton(TimeProvider.System);
            builder.Services.AddSingleton<IUserEventLog, RedisUserEventLog>();
        }
        else
        {
            builder.Services.AddSingleton<IUserEventLog, MemoryUserEventLog>();
        }

        builder.Services.AddSingleton<NotificationHub>();
        builder.Services.AddSingleton<DiagnosticPingLog>();

        // Every Notify instance must see every event (its clients may be anyone), so each instance
        // has a queue of its own that disappears with it. One queue for all track events, consumed one
        // at a time, keeps them in the order they were published: a track's "uploaded" before its
        // "analysis started", even though different services publish them.
        var queue = $"notify-{Environment.MachineName}-{Environment.ProcessId}".ToLowerInvariant();
        var consumers = typeof(PushOnTrackUploaded).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && type.IsAssignableTo(typeof(IConsumer)))
            .ToList();
        builder.AddMessaging(
            configure: bus =>
            {
                foreach (var consumer in consumers)
                {
                    bus.AddConsumer(consumer).ExcludeFromConfigureEndpoints();
                }
            },
            configureBus: (context, rabbit) => rabbit.ReceiveEndpoint(queue, endpoint =>
            {
                endpoint.AutoDelete = true;
                endpoint.Durable = false;
                endpoint.ConcurrentMessageLimit = 1;
                endpoint.UseMessageRetry(retry => retry.Intervals(MessagingExtensions.RetryIntervals));
                foreach (var consumer in consumers)
                {
                    endpoint.ConfigureConsumer(context, consumer);
                }
            }));
    }
}
