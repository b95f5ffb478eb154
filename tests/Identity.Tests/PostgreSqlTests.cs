using System.Net;
using System.Net.Http.Json;

namespace AudioPlatform.Identity.Tests;

/// <summary>Containers mode's store: the same model and schema step on PostgreSQL.</summary>
public sealed class PostgreSqlTests
{
    [SkippableFact]
    public async Task On_postgresql_the_schema_is_created_and_users_sign_in()
    {
        var binaries = PostgreSqlServer.FindBinaries();
        Skip.If(binaries is null, "PostgreSQL is not installed (scripts/install-prerequisites.sh test installs the 'postgresql' package).");
        await using var postgres = await PostgreSqlServer.StartAsync(binaries!);
        var directory = Directory.CreateTempSubdirectory("audioplatform-identity-pg-").FullName;
        await using var host = await IdentityHost.StartAsync(dataDirectory: directory, connectionString: postgres.ConnectionString("identitydb"));
        var account = Account.New();

        await host.RegisterAsync(account);
        using var client = host.CreateClient();
        using var duplicate = await client.PostAsJsonAsync("/api/v1/auth/register",
            new { email = account.Email.ToUpperInvariant(), password = "another long passphrase" });
        var tokens = await Oidc.SignInAsync(host, account);

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await Oidc.MeStatusAsync(host, tokens.AccessToken!));
        Assert.False((await Oidc.RefreshAsync(host, tokens.RefreshToken!)).IsError);
        Assert.False(File.Exists(Path.Combine(directory, "identity.db")));
    }
}
