using System.Net;
using AudioPlatform.Tests.Shared;

namespace AudioPlatform.Identity.Tests;

/// <summary>
/// Two Identity replicas (two hosts on one database) sharing one real Redis, as the AppHost runs them with
/// <c>--Identity:Replicas=2</c>. Each has a key folder of its own here, so what they share comes from Redis only.
/// </summary>
public sealed class ReplicaTests : IAsyncLifetime
{
    private readonly string _database = Directory.CreateTempSubdirectory("audioplatform-identity-shared-").FullName;
    private RedisServer? _redis;
    private IdentityHost? _first;
    private IdentityHost? _second;

    public async Task InitializeAsync()
    {
        if (!RedisServer.IsInstalled)
        {
            return;
        }

        _redis = await RedisServer.StartAsync();
        var shared = new Dictionary<string, string> { ["ConnectionStrings:redis"] = _redis.ConnectionString };
        var connectionString = $"Data Source={Path.Combine(_database, "identity.db")}";
        // Together, as the AppHost starts replicas: both find an empty database and race to create it.
        var starting = new[]
        {
            IdentityHost.StartAsync(connectionString: connectionString, settings: shared),
            IdentityHost.StartAsync(connectionString: connectionString, settings: shared),
        };
        (_first, _second) = (await starting[0], await starting[1]);
    }

    [SkippableFact]
    public async Task Failed_sign_ins_on_one_replica_lock_the_account_on_the_other()
    {
        Skip.IfNot(RedisServer.IsInstalled, RedisServer.MissingReason);
        var account = Account.New();
        await _first!.RegisterAsync(account);

        await _first!.FailSignInsAsync(account);
        using var browser = _second!.CreateBrowser();
        using var locked = await _second.SignInOnFormAsync(browser, account);

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.True(int.Parse(locked.Headers.GetValues("Retry-After").Single()) > 60);
    }

    [SkippableFact]
    public async Task A_sign_in_form_served_by_one_replica_is_accepted_by_the_other()
    {
        Skip.IfNot(RedisServer.IsInstalled, RedisServer.MissingReason);
        var account = Account.New();
        await _first!.RegisterAsync(account);
        using var browser = _first!.CreateBrowser();

        // The antiforgery cookie and token come from the first replica's key ring; the second must read them.
        var html = await browser.GetStringAsync(new Uri(_first!.Address, "/account/signin"));
        using var signedIn = await Oidc.SubmitSignInAsync(browser, new Uri(_second!.Address, "/account/signin"), html, account);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    public async Task DisposeAsync()
    {
        foreach (var host in new[] { _second, _first })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        Directory.Delete(_database, recursive: true);
    }
}
