using System.Text.Json;

namespace AudioPlatform.PlatformClient;

/// <summary>What the device authorization endpoint answered: the code to show the user and where to confirm it.</summary>
public sealed record DeviceAuthorization(
    string DeviceCode, string UserCode, Uri VerificationUri, Uri VerificationUriComplete, TimeSpan ExpiresIn, TimeSpan Interval);

/// <summary>Tokens from the token endpoint; <see cref="ExpiresAt"/> is when the access token stops being accepted.</summary>
public sealed record TokenSet(string AccessToken, string? RefreshToken, DateTimeOffset ExpiresAt);

public enum DeviceCodeState
{
    /// <summary>Not confirmed yet: ask again after the interval.</summary>
    Pending,

    /// <summary>Asked too often: ask again after a longer interval (RFC 8628 §3.5).</summary>
    SlowDown,
    Granted,
    Denied,
    Expired,
}

public sealed record DeviceCodePoll(DeviceCodeState State, TokenSet? Tokens = null);

/// <summary>The token endpoint refused a grant (a refresh token that expired, was revoked or was already used).</summary>
public sealed class TokenRefusedException(string error, string? description)
    : Exception($"The token endpoint refused the grant: {error}{(description is null ? "" : $" ({description})")}")
{
    public string Error { get; } = error;
}

/// <summary>
/// The command-line tool's side of Identity's OpenID Connect endpoints, reached through the Gateway: the device
/// authorization grant (RFC 8628), refresh and revocation, as the public client <see cref="CliClientId"/>.
/// </summary>
public sealed class DeviceFlowClient(HttpClient server)
{
    public const string CliClientId = "audioplatform-cli";

    /// <summary>What the tool asks for: the API, the user's email (to say who signed in) and a refresh token.</summary>
    public const string CliScope = "openid email offline_access api";

    private static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(5);

    public async Task<DeviceAuthorization> AuthorizeAsync(string scope = CliScope, CancellationToken cancellationToken = default)
    {
        using var response = await server.PostAsync("/connect/device", Form(new()
        {
            ["client_id"] = CliClientId,
            ["scope"] = scope,
        }), cancellationToken);
        var body = await ReadJsonAsync(response, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new PlatformClientException($"The device authorization endpoint answered {(int)response.StatusCode}: {Describe(body)}");
        }

        // The addresses carry the public issuer, which may not be the address this client reached: keep the path only.
        var verification = OnServer(body.GetProperty("verification_uri").GetString()!);
        var complete = body.TryGetProperty("verification_uri_complete", out var c) ? OnServer(c.GetString()!) : verification;
        return new DeviceAuthorization(
            body.GetProperty("device_code").GetString()!,
            body.GetProperty("user_code").GetString()!,
            verification,
            complete,
            TimeSpan.FromSeconds(body.GetProperty("expires_in").GetInt32()),
            body.TryGetProperty("interval", out var interval) ? TimeSpan.FromSeconds(interval.GetInt32()) : DefaultInterval);
    }

    /// <summary>Asks once whether the user has confirmed the code.</summary>
    public async Task<DeviceCodePoll> PollAsync(string deviceCode, CancellationToken cancellationToken = default)
    {
        using var response = await server.PostAsync("/connect/token", Form(new()
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:device_code",
            ["device_code"] = deviceCode,
            ["client_id"] = CliClientId,
        }), cancellationToken);
        var body = await ReadJsonAsync(response, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return new DeviceCodePoll(DeviceCodeState.Granted, Tokens(body));
        }

        return ErrorOf(body) switch
        {
            "authorization_pending" => new DeviceCodePoll(DeviceCodeState.Pending),
            "slow_down" => new DeviceCodePoll(DeviceCodeState.SlowDown),
            "access_denied" => new DeviceCodePoll(DeviceCodeState.Denied),
            "expired_token" => new DeviceCodePoll(DeviceCodeState.Expired),
            _ => throw new PlatformClientException($"The token endpoint answered {(int)response.StatusCode}: {Describe(body)}"),
        };
    }

    /// <summary>Polls at the server's interval until the code is confirmed, denied or expired.</summary>
    public async Task<DeviceCodePoll> WaitAsync(DeviceAuthorization authorization, CancellationToken cancellationToken = default)
    {
        var interval = authorization.Interval;
        var until = DateTimeOffset.UtcNow + authorization.ExpiresIn;
        while (true)
        {
            var poll = await PollAsync(authorization.DeviceCode, cancellationToken);
            switch (poll.State)
            {
                case DeviceCodeState.Pending:
                    break;
                case DeviceCodeState.SlowDown:
                    interval += DefaultInterval;
                    break;
                default:
                    return poll;
            }

            if (DateTimeOffset.UtcNow + interval > until)
            {
                // The server would answer expired_token now; asking would only delay saying so.
                return new DeviceCodePoll(DeviceCodeState.Expired);
            }

            await Task.Delay(interval, cancellationToken);
        }
    }

    /// <summary>New tokens for a refresh token (which Identity rotates: the old one is spent).</summary>
    /// <exception cref="TokenRefusedException">The refresh token is no longer valid.</exception>
    public async Task<TokenSet> RefreshAsync(string refreshToken, CancellationToken cancellationToken = default)
    {
        using var response = await server.PostAsync("/connect/token", Form(new()
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = CliClientId,
        }), cancellationToken);
        var body = await ReadJsonAsync(response, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return Tokens(body);
        }

        if (ErrorOf(body) is { } error && (int)response.StatusCode is >= 400 and < 500)
        {
            throw new TokenRefusedException(error, body.TryGetProperty("error_description", out var d) ? d.GetString() : null);
        }

        throw new PlatformClientException($"The token endpoint answered {(int)response.StatusCode}: {Describe(body)}");
    }

    /// <summary>Revokes a token (RFC 7009); revoking a refresh token ends the sign-in it belongs to.</summary>
    public async Task RevokeAsync(string token, string tokenTypeHint, CancellationToken cancellationToken = default)
    {
        using var response = await server.PostAsync("/connect/revoke", Form(new()
        {
            ["token"] = token,
            ["token_type_hint"] = tokenTypeHint,
            ["client_id"] = CliClientId,
        }), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new PlatformClientException($"The revocation endpoint answered {(int)response.StatusCode}.");
        }
    }

    private Uri OnServer(string address) => new(server.BaseAddress!, new Uri(address).PathAndQuery);

    private static TokenSet Tokens(JsonElement body) => new(
        body.GetProperty("access_token").GetString()!,
        body.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : null,
        DateTimeOffset.UtcNow.AddSeconds(body.TryGetProperty("expires_in", out var expiresIn) ? expiresIn.GetInt32() : 300));

    private static FormUrlEncodedContent Form(Dictionary<string, string> fields) => new(fields);

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new PlatformClientException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode} with no JSON: {text[..Math.Min(text.Length, 200)]}");
        }
    }

    private static string? ErrorOf(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("error", out var error) ? error.GetString() : null;

    private static string Describe(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("error_description", out var description)
            ? $"{ErrorOf(body)}: {description.GetString()}"
            : body.ToString();
}
