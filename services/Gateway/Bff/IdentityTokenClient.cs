using System.Net.Http.Json;
using System.Text.Json.Serialization;
using AudioPlatform.Gateway.Model;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace AudioPlatform.Gateway.Bff;

public sealed record TokenSet(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("id_token")] string? IdToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);

/// <summary>
/// The back channel to Identity for the web sessions: refreshing and revoking tokens at the endpoints
/// its discovery document names (Identity's own address, reached by service discovery).
/// </summary>
public sealed class IdentityTokenClient(
    HttpClient http,
    IOptionsMonitor<OpenIdConnectOptions> oidc,
    IOptions<BffOptions> options,
    ILogger<IdentityTokenClient> logger)
{
    /// <summary>The new tokens, or null when Identity refuses the refresh token (revoked, expired, reused): the session is over.</summary>
    public async Task<TokenSet?> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var configuration = await ConfigurationAsync(cancellationToken);
        using var response = await http.PostAsync(configuration.TokenEndpoint, Form(new()
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
        }), cancellationToken);

        if (!response.IsSuccessStatusCode)
        {
            logger.LogInformation("Identity refused to refresh a web session's tokens ({Status}): the session ends.", (int)response.StatusCode);
            return null;
        }

        return await response.Content.ReadFromJsonAsync<TokenSet>(cancellationToken);
    }

    /// <summary>
    /// Revokes a token at Identity (RFC 7009); a token Identity no longer knows counts as revoked. A
    /// failure is logged, not thrown: the session is deleted at the Gateway whatever Identity answers.
    /// </summary>
    public async Task RevokeAsync(string token, string tokenTypeHint, CancellationToken cancellationToken)
    {
        try
        {
            var configuration = await ConfigurationAsync(cancellationToken);
            var endpoint = configuration.AdditionalData.TryGetValue("revocation_endpoint", out var value) && value is string address
                ? address
                : new Uri(new Uri(options.Value.Authority), "connect/revoke").ToString();
            using var response = await http.PostAsync(endpoint, Form(new()
            {
                ["token"] = token,
                ["token_type_hint"] = tokenTypeHint,
            }), cancellationToken);

            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("Identity did not revoke a {TokenType} at sign-out ({Status}).", tokenTypeHint, (int)response.StatusCode);
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException or TaskCanceledException)
        {
            logger.LogWarning(exception, "Could not revoke a {TokenType} at sign-out.", tokenTypeHint);
        }
    }

    private Task<Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration> ConfigurationAsync(CancellationToken cancellationToken) =>
        oidc.Get(BffSchemes.OpenIdConnect).ConfigurationManager!.GetConfigurationAsync(cancellationToken);

    private FormUrlEncodedContent Form(Dictionary<string, string> fields)
    {
        fields["client_id"] = options.Value.ClientId;
        fields["client_secret"] = options.Value.ClientSecret ?? "";
        return new FormUrlEncodedContent(fields);
    }
}
