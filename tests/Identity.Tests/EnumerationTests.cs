using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AudioPlatform.Identity.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AudioPlatform.Identity.Tests;

/// <summary>Sign-in tells nobody whether an address has an account (ASVS 5 V6.3.8): same page, same status, same work.</summary>
[Collection(IdentityCollection.Name)]
public sealed partial class EnumerationTests(IdentityFixture fixture)
{
    private IdentityHost Host => fixture.Host;

    [Fact]
    public async Task A_wrong_password_and_an_unknown_address_get_the_same_page()
    {
        var real = Account.New();
        await Host.RegisterAsync(real);
        var unknown = Account.New();
        using var browser = Host.CreateBrowser();

        using var wrongPassword = await Host.SignInOnFormAsync(browser, real with { Password = "not the password at all" });
        using var noAccount = await Host.SignInOnFormAsync(browser, unknown);

        Assert.Equal(wrongPassword.StatusCode, noAccount.StatusCode);
        Assert.Equal(await PageAsync(wrongPassword, real), await PageAsync(noAccount, unknown));
    }

    [Fact]
    public async Task A_locked_account_and_an_unknown_address_get_the_same_page_after_as_many_failures()
    {
        var real = Account.New();
        await Host.RegisterAsync(real);
        var unknown = Account.New();
        await Host.FailSignInsAsync(real);
        await Host.FailSignInsAsync(unknown);
        using var browser = Host.CreateBrowser();

        using var locked = await Host.SignInOnFormAsync(browser, real);
        using var alsoLocked = await Host.SignInOnFormAsync(browser, unknown);

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Equal(locked.StatusCode, alsoLocked.StatusCode);
        Assert.NotNull(locked.Headers.RetryAfter?.Delta);
        Assert.NotNull(alsoLocked.Headers.RetryAfter?.Delta);
        Assert.Equal(await PageAsync(locked, real), await PageAsync(alsoLocked, unknown));
    }

    /// <summary>The page without what differs by design: the address typed and the antiforgery token.</summary>
    private static async Task<string> PageAsync(HttpResponseMessage response, Account account)
    {
        var html = await response.Content.ReadAsStringAsync();
        return AntiforgeryValue().Replace(html.Replace(account.Email, "{email}", StringComparison.Ordinal), "{token}");
    }

    [GeneratedRegex("(?<=name=\"__RequestVerificationToken\" type=\"hidden\" value=\")[^\"]*")]
    private static partial Regex AntiforgeryValue();
}

public sealed class EnumerationCostTests
{
    [Fact]
    public async Task An_unknown_address_costs_a_password_hash_like_a_real_account()
    {
        var hasher = new CountingPasswordHasher();
        await using var host = await IdentityHost.StartAsync(services: services =>
            services.Replace(ServiceDescriptor.Singleton<IPasswordHasher<ApplicationUser>>(hasher)));
        using var browser = host.CreateBrowser();

        var before = hasher.Verifications;
        using var response = await host.SignInOnFormAsync(browser, Account.New());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, hasher.Verifications - before);
    }

    [Fact]
    public async Task Probing_taken_addresses_at_registration_slows_the_client_address_down()
    {
        await using var host = await IdentityHost.StartAsync(settings: new Dictionary<string, string>
        {
            ["Identity:SignInAttemptsPerMinute"] = "10000",
            ["Identity:FailedSignInsPerClientAddress"] = "3",
        });
        var taken = Account.New();
        await host.RegisterAsync(taken);
        using var client = host.CreateClient();
        for (var probe = 0; probe < 3; probe++)
        {
            using var conflict = await client.PostAsJsonAsync("/api/v1/auth/register", new { email = taken.Email, password = taken.Password });
            Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        }

        var fresh = Account.New();
        using var refused = await client.PostAsJsonAsync("/api/v1/auth/register", new { email = fresh.Email, password = fresh.Password });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    /// <summary>Identity's own hasher, counting how often a password is checked.</summary>
    private sealed class CountingPasswordHasher : IPasswordHasher<ApplicationUser>
    {
        private readonly PasswordHasher<ApplicationUser> _hasher = new(Options.Create(new PasswordHasherOptions()));
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(ApplicationUser user, string password) => _hasher.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _hasher.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
