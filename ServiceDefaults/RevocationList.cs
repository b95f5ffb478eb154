using System.Net.Http.Json;
using AudioPlatform.Contracts;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Fetches Identity's list of revoked, unexpired access tokens at start (so a service started after a revocation
/// knows it) and every <see cref="PlatformAuthenticationOptions.RevocationListRefreshInterval"/> after (so one that
/// missed an event, the bus being down, learns it all the same). Until the first list arrives, it asks again every
/// few seconds; meanwhile tokens are checked for signature and lifetime only, and each failure is logged.
/// </summary>
public sealed class RevocationListRefresher(
    IHttpClientFactory clients,
    RevokedAccessTokens revoked,
    IOptions<PlatformAuthenticationOptions> options,
    TimeProvider time,
    ILogger<RevocationListRefresher> logger) : BackgroundService
{
    public const string ClientName = "revocation-list";

    private static readonly TimeSpan RetryUntilFirstList = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var address = new Uri(new Uri(settings.Authority, UriKind.Absolute), PlatformAuthentication.RevocationListPath);
        var loaded = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync(address, stoppingToken);
                loaded = true;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // Identity down, a timeout or circuit breaker of the resilience pipeline, an unreadable answer: all the
                // same here, the next attempt may succeed, and a refresher that died would never learn anything again.
                logger.LogWarning(exception,
                    "Could not fetch the revoked access tokens from {Address}; revocations only arrive over the bus until it can.", address);
            }

            revoked.RemoveExpired();
            try
            {
                await Task.Delay(loaded ? settings.RevocationListRefreshInterval : RetryUntilFirstList, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RefreshAsync(Uri address, CancellationToken cancellationToken)
    {
        var client = clients.CreateClient(ClientName);
        var list = await client.GetFromJsonAsync<RevokedAccessToken[]>(address, cancellationToken) ?? [];
        foreach (var token in list)
        {
            revoked.RevokeToken(token.TokenId, token.ExpiresAt);
        }
    }
}

/// <summary>Identity revoked an access token: refuse it here at once.</summary>
public sealed class RefuseAccessTokenOnAccessTokenRevoked(RevokedAccessTokens revoked) : IConsumer<AccessTokenRevoked>
{
    public Task Consume(ConsumeContext<AccessTokenRevoked> context)
    {
        revoked.RevokeToken(context.Message.TokenId, context.Message.ExpiresAt, context.Message.UserId);
        return Task.CompletedTask;
    }
}

/// <summary>A sign-in ended at Identity: refuse every access token of it here at once.</summary>
public sealed class RefuseSignInOnAuthorizationRevoked(RevokedAccessTokens revoked) : IConsumer<AuthorizationRevoked>
{
    public Task Consume(ConsumeContext<AuthorizationRevoked> context)
    {
        revoked.RevokeSignIn(context.Message.AuthorizationId, context.Message.TokensExpireBy, context.Message.UserId);
        return Task.CompletedTask;
    }
}
