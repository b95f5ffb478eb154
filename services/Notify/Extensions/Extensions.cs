using AudioPlatform.Notify.Hub;
using AudioPlatform.Notify.IntegrationEvents;
using AudioPlatform.Notify.Model;
using MassTransit;

namespace AudioPlatform.Notify.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<NotifyOptions>()
            .BindConfiguration("Notify")
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<NotificationHub>();
        builder.Services.AddSingleton<DiagnosticPingLog>();

        // Every Notify instance must see every event (its clients may be anyone), so each instance
        // consumes from queues of its own that disappear with it, instead of competing.
        var instanceId = $"{Environment.MachineName}-{Environment.ProcessId}".ToLowerInvariant();
        var consumers = typeof(PushOnTrackUploaded).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && type.IsAssignableTo(typeof(IConsumer)));
        builder.AddMessaging(configure: bus =>
        {
            foreach (var consumer in consumers)
            {
                bus.AddConsumer(consumer).Endpoint(endpoint =>
                {
                    endpoint.InstanceId = instanceId;
                    endpoint.Temporary = true;
                });
            }
        });
    }
}
