using System.Data.Common;
using AudioPlatform.Identity.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AudioPlatform.Identity.Infrastructure;

/// <summary>
/// Before the service answers: creates the schema when the database has none, then registers the
/// OpenID Connect clients from configuration (updating them when the configuration changed).
/// </summary>
public sealed class DatabaseInitializer(
    IServiceProvider services,
    DatabaseProvider database,
    IOptions<IdentityServiceOptions> options,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    /// <summary>How often replicas starting together on a new database may collide before one gives up.</summary>
    private const int Attempts = 6;

    /// <summary>
    /// Replicas starting at once race to create the schema and the clients; the loser's statement fails, and its next
    /// attempt finds what the winner made. A client the winner created between the loser's lookup and its insert is
    /// refused by OpenIddict's own uniqueness check (a validation error) or by the table's unique index.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await InitializeAsync(cancellationToken);
                return;
            }
            catch (Exception exception) when (attempt < Attempts
                && exception is DbException or DbUpdateException or OpenIddictExceptions.ConcurrencyException or OpenIddictExceptions.ValidationException)
            {
                logger.LogInformation(exception, "Identity store: another replica was initialising it too; trying again");
                // Jittered, so replicas that collided once do not collide again on the same beat.
                await Task.Delay(TimeSpan.FromMilliseconds((100 * attempt) + Random.Shared.Next(200)), cancellationToken);
            }
        }
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IdentityStore>();
        var created = await store.Database.EnsureCreatedAsync(cancellationToken);
        logger.LogInformation("Identity store: {Database} ({State})", database.Describe(), created ? "schema created" : "schema present");

        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var clients = options.Value.Clients;
        if (clients.SpaBff.ClientSecret is { Length: > 0 } secret)
        {
            await RegisterAsync(applications, SpaBff(clients.SpaBff, secret), cancellationToken);
        }
        else
        {
            logger.LogWarning("Identity:Clients:SpaBff:ClientSecret is not set: the {Client} client is not registered.", clients.SpaBff.ClientId);
        }

        await RegisterAsync(applications, Cli(clients.Cli), cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static OpenIddictApplicationDescriptor SpaBff(SpaBffClientOptions client, string secret)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = "AudioPlatform web app",
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.Revocation,
                Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Email,
                Permissions.Scopes.Profile,
                Permissions.Prefixes.Scope + PlatformScopes.Api,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        descriptor.RedirectUris.UnionWith(client.RedirectUris.Select(uri => new Uri(uri)));
        descriptor.PostLogoutRedirectUris.UnionWith(client.PostLogoutRedirectUris.Select(uri => new Uri(uri)));
        return descriptor;
    }

    public static OpenIddictApplicationDescriptor Cli(CliClientOptions client) => new()
    {
        ClientId = client.ClientId,
        ClientType = ClientTypes.Public,
        ConsentType = ConsentTypes.Explicit,
        DisplayName = "AudioPlatform command-line tool",
        Permissions =
        {
            Permissions.Endpoints.DeviceAuthorization,
            Permissions.Endpoints.Token,
            Permissions.Endpoints.Revocation,
            Permissions.GrantTypes.DeviceCode,
            Permissions.GrantTypes.RefreshToken,
            Permissions.Scopes.Email,
            Permissions.Scopes.Profile,
            Permissions.Prefixes.Scope + PlatformScopes.Api,
        },
    };

    private static async Task RegisterAsync(IOpenIddictApplicationManager applications, OpenIddictApplicationDescriptor descriptor, CancellationToken cancellationToken)
    {
        if (await applications.FindByClientIdAsync(descriptor.ClientId!, cancellationToken) is { } existing)
        {
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        }
        else
        {
            await applications.CreateAsync(descriptor, cancellationToken);
        }
    }
}
