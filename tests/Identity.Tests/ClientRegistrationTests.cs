using AudioPlatform.Identity.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenIddict.Abstractions;

namespace AudioPlatform.Identity.Tests;

/// <summary>Registering the OpenID Connect clients when several replicas start on one database at once.</summary>
public sealed class ClientRegistrationTests
{
    [Fact]
    public async Task Replicas_registering_the_clients_at_once_all_start_and_leave_one_application_per_client()
    {
        await using var host = await IdentityHost.StartAsync();
        var initializer = host.Services.GetServices<IHostedService>().OfType<DatabaseInitializer>().Single();

        for (var round = 0; round < 3; round++)
        {
            await DeleteApplicationsAsync(host.Services);

            // Each finds no client and creates it; all but one must find the winner's on a later attempt, not crash.
            await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => initializer.StartAsync(CancellationToken.None))));

            await using var scope = host.Services.CreateAsyncScope();
            var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            Assert.Equal(2, await applications.CountAsync());
            Assert.NotNull(await applications.FindByClientIdAsync("audioplatform-cli"));
        }
    }

    private static async Task DeleteApplicationsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        await foreach (var application in applications.ListAsync())
        {
            await applications.DeleteAsync(application);
        }
    }
}
