using System.Net;
using System.Net.Http.Json;

namespace AudioPlatform.Identity.Tests;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Credential_posts_beyond_the_limit_per_ip_get_a_problem_details_429_with_retry_after()
    {
        await using var host = await IdentityHost.StartAsync(settings: new Dictionary<string, string> { ["Identity:SignInAttemptsPerMinute"] = "3" });
        using var client = host.CreateClient();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var allowed = await client.PostAsJsonAsync("/api/v1/auth/register", new { email = "not-an-email", password = "x" });
            Assert.Equal(HttpStatusCode.BadRequest, allowed.StatusCode);
        }

        using var signIn = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "someone@example.com",
            ["Password"] = "guess number four",
        }));

        Assert.Equal(HttpStatusCode.TooManyRequests, signIn.StatusCode);
        Assert.Equal("application/problem+json", signIn.Content.Headers.ContentType?.MediaType);
        Assert.True(signIn.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        using var page = await client.GetAsync("/account/signin");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
