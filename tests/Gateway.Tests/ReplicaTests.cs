using System.Net;
using System.Security.Claims;
using AudioPlatform.Gateway.Bff;
using AudioPlatform.Gateway.Infrastructure;
using AudioPlatform.Tests.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AudioPlatform.Gateway.Tests;

/// <summary>
/// Two Gateway replicas (two in-process hosts) sharing one real Redis, as the AppHost runs them with
/// <c>--Gateway:Replicas=2</c>: a session either one started is the other's too, and the limits count across both.
/// </summary>
public sealed class ReplicaTests : IAsyncLifetime
{
    private RedisServer? _redis;

    public async Task InitializeAsync()
    {
        if (RedisServer.IsInstalled)
        {
            _redis = await RedisServer.StartAsync();
        }
    }

    private WebApplicationFactory<ServiceHealthClient> Replica(params (string Key, string Value)[] settings) =>
        GatewayHost.Alone(new Dictionary<string, string?>(settings.Select(setting => KeyValuePair.Create(setting.Key, (string?)setting.Value)))
        {
            ["ConnectionStrings:redis"] = _redis!.ConnectionString,
            ["Bff:ClientSecret"] = "a-secret-so-that-web-sign-in-is-configured",
        });

    [SkippableFact]
    public async Task A_session_cookie_issued_by_one_replica_is_accepted_by_the_other()
    {
        Skip.IfNot(RedisServer.IsInstalled, RedisServer.MissingReason);
        await using var first = Replica();
        await using var second = Replica();
        var cookie = await StartSessionAsync(first, userId: "alice");

        using var client = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("Cookie", $"audioplatform.session={cookie}");
        using var login = await client.GetAsync("/api/v1/auth/login?returnUrl=/library");
        var session = await WebSessionFixture.StoredSessionAsync(second, cookie);

        // Signed in already: straight back to the page, no trip to Identity.
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/library", login.Headers.Location?.OriginalString);
        Assert.NotNull(session);
        Assert.Equal("alice-token", session.GetTokenValue("access_token"));
    }

    [SkippableFact]
    public async Task Sign_in_posts_and_uploads_are_limited_across_replicas()
    {
        Skip.IfNot(RedisServer.IsInstalled, RedisServer.MissingReason);
        await using var first = Replica(("RateLimits:SignInAttemptsPerWindow", "3"), ("RateLimits:UploadsPerWindow", "2"));
        await using var second = Replica(("RateLimits:SignInAttemptsPerWindow", "3"), ("RateLimits:UploadsPerWindow", "2"));
        using var one = first.CreateClient();
        using var two = second.CreateClient();

        var signIns = new List<HttpStatusCode>();
        foreach (var client in new[] { one, two, one, two })
        {
            using var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent([]));
            signIns.Add(response.StatusCode);
        }

        using var upload = await one.PostAsync("/api/v1/audio/upload", null);
        using var secondUpload = await two.PostAsync("/api/v1/audio/upload", null);
        using var thirdUpload = await two.PostAsync("/api/v1/audio/upload", null);

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, signIns.Take(3));
        Assert.Equal(HttpStatusCode.TooManyRequests, signIns[3]);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, upload.StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, secondUpload.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, thirdUpload.StatusCode);
        Assert.True(int.Parse(thirdUpload.Headers.GetValues("Retry-After").Single()) >= 1);
    }

    /// <summary>What the cookie handler does at the end of a sign-in: the ticket into the store, its key into the cookie.</summary>
    private static async Task<string> StartSessionAsync(WebApplicationFactory<ServiceHealthClient> gateway, string userId)
    {
        var options = gateway.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(BffSchemes.Session);
        var properties = new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddHours(1) };
        properties.StoreTokens([new AuthenticationToken { Name = "access_token", Value = $"{userId}-token" }]);
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", userId)], BffSchemes.Session));
        var key = await options.SessionStore!.StoreAsync(new AuthenticationTicket(user, properties, BffSchemes.Session));
        var keyOnly = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("Microsoft.AspNetCore.Authentication.Cookies-SessionId", key)], BffSchemes.Session));
        return options.TicketDataFormat.Protect(new AuthenticationTicket(keyOnly, BffSchemes.Session));
    }

    public async Task DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
