using System.Reflection;
using AudioPlatform.ServiceDefaults;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The one MassTransit set-up every service uses: RabbitMQ from the connection string Aspire
/// injects, the consumers found in the service's assembly, and one retry and error-queue policy.
/// </summary>
public static class MessagingExtensions
{
    /// <summary>Immediate and back-off retries before a message goes to its <c>_error</c> queue.</summary>
    public static readonly TimeSpan[] RetryIntervals =
        [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15)];

    public static IHostApplicationBuilder AddMessaging(
        this IHostApplicationBuilder builder,
        Assembly? consumersAssembly = null,
        Action<IBusRegistrationConfigurator>? configure = null,
        Action<IBusRegistrationContext, IRabbitMqBusFactoryConfigurator>? configureBus = null)
    {
        var connectionString = builder.Configuration.GetConnectionString(ResourceNames.Messaging)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{ResourceNames.Messaging} is not set. Start the platform through the AppHost, " +
                "or set it to an amqp:// URI of a RabbitMQ broker.");
        if (!Uri.TryCreate(connectionString, UriKind.Absolute, out var brokerUri) || brokerUri.Scheme is not ("amqp" or "amqps"))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ResourceNames.Messaging} is not an amqp:// or amqps:// URI of a RabbitMQ broker.");
        }

        builder.AddProductionRule(_ => DefaultBrokerCredentials(brokerUri));

        // A service that validates tokens (AddDefaultAuthentication, called first) hears of revocations over the bus.
        var validatesTokens = builder.Services.Any(service => service.ServiceType == typeof(RevokedAccessTokens));

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            if (consumersAssembly is not null)
            {
                bus.AddConsumers(consumersAssembly);
            }

            configure?.Invoke(bus);

            // Every instance must hear every revocation (each keeps its own list), so these are not competing
            // consumers of one queue: they get a queue per instance below.
            if (validatesTokens)
            {
                bus.AddConsumer<RefuseAccessTokenOnAccessTokenRevoked>().ExcludeFromConfigureEndpoints();
                bus.AddConsumer<RefuseSignInOnAuthorizationRevoked>().ExcludeFromConfigureEndpoints();
            }

            bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
            {
                endpoint.UseMessageRetry(retry => retry.Intervals(RetryIntervals));
            });

            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(brokerUri, host => host.ConnectionName(builder.Environment.ApplicationName));
                configureBus?.Invoke(context, rabbit);
                if (validatesTokens)
                {
                    rabbit.ReceiveEndpoint(RevocationQueueName(builder.Environment.ApplicationName), endpoint =>
                    {
                        endpoint.AutoDelete = true;
                        endpoint.Durable = false;
                        endpoint.ConfigureConsumer<RefuseAccessTokenOnAccessTokenRevoked>(context);
                        endpoint.ConfigureConsumer<RefuseSignInOnAuthorizationRevoked>(context);
                    });
                }

                rabbit.ConfigureEndpoints(context);
            });
        });

        return builder;
    }

    /// <summary>This instance's own queue of revocation events, gone with the process.</summary>
    internal static string RevocationQueueName(string applicationName) =>
        $"{applicationName}-revocations-{Environment.MachineName}-{Environment.ProcessId}".ToLowerInvariant();

    /// <summary>
    /// RabbitMQ's default user (guest/guest, which the client also falls back to when the URI names no user) is
    /// known to everyone: in production the platform signs in with a user of its own.
    /// </summary>
    internal static IEnumerable<UnsafeSetting> DefaultBrokerCredentials(Uri broker)
    {
        var key = $"ConnectionStrings:{ResourceNames.Messaging}";
        var userInfo = broker.UserInfo.Split(':', 2);
        var user = Uri.UnescapeDataString(userInfo[0]);
        var password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : "";
        if (user.Length == 0)
        {
            yield return new UnsafeSetting(key, "names no user, so the client signs in as RabbitMQ's default guest/guest. Give the platform a user and password of its own.");
        }
        else if (user == "guest" && password is "guest" or "")
        {
            yield return new UnsafeSetting(key, "signs in as RabbitMQ's default guest/guest user. Give the platform a user and password of its own.");
        }
    }
}
