using AudioPlatform.Contracts;
using AudioPlatform.Identity.Model;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AudioPlatform.Identity.Infrastructure;

/// <summary>
/// Tells the other services, over the bus, that access tokens were revoked: they validate tokens locally and would
/// otherwise accept them until they expire. A revocation never fails because of the bus: when the broker does not take
/// the event within <see cref="PublishTimeout"/>, it is logged, and the services learn it from Identity's list
/// (<see cref="PlatformAuthentication.RevocationListPath"/>) at their next refresh.
/// </summary>
public sealed class RevocationAnnouncer(
    IPublishEndpoint publish,
    IOptions<IdentityServiceOptions> options,
    TimeProvider time,
    ILogger<RevocationAnnouncer> logger)
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(5);

    public Task AccessTokenRevokedAsync(string tokenId, DateTimeOffset expiresAt, string? userId) =>
        PublishAsync(new AccessTokenRevoked(tokenId, expiresAt) { CorrelationId = Guid.NewGuid(), UserId = userId ?? "" });

    /// <summary>Every token of the sign-in was revoked; the last access token issued before now expires one lifetime from now.</summary>
    public Task SignInRevokedAsync(string authorizationId, string? userId) =>
        PublishAsync(new AuthorizationRevoked(authorizationId, time.GetUtcNow() + options.Value.AccessTokenLifetime)
        {
            CorrelationId = Guid.NewGuid(),
            UserId = userId ?? "",
        });

    private async Task PublishAsync<T>(T message) where T : IntegrationEvent
    {
        using var timeout = new CancellationTokenSource(PublishTimeout);
        try
        {
            await publish.Publish(message, timeout.Token);
        }
        catch (Exception exception)
        {
            // Whatever the broker's failure, the revocation itself stands (it is in the token store, and in the list).
            logger.LogWarning(exception,
                "Could not announce {Event} on the bus; services learn it from the revocation list at their next refresh.", typeof(T).Name);
        }
    }
}
