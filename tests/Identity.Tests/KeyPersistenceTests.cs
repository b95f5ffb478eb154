using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AudioPlatform.Identity.Tests;

public sealed class KeyPersistenceTests
{
    [Fact]
    public async Task Tokens_issued_before_a_restart_are_still_valid_after_it()
    {
        var directory = Directory.CreateTempSubdirectory("audioplatform-identity-restart-").FullName;
        try
        {
            var account = Account.New();
            string accessToken, refreshToken, keysBefore;
            await using (var first = await IdentityHost.StartAsync(dataDirectory: directory, issuer: "http://gateway.test/"))
            {
                await first.RegisterAsync(account);
                var tokens = await Oidc.SignInAsync(first, account);
                (accessToken, refreshToken) = (tokens.AccessToken!, tokens.RefreshToken!);
                keysBefore = await KeyIdsAsync(first);
            }

            await using var second = await IdentityHost.StartAsync(dataDirectory: directory, issuer: "http://gateway.test/");

            Assert.Equal(keysBefore, await KeyIdsAsync(second));
            Assert.Equal(HttpStatusCode.OK, await Oidc.MeStatusAsync(second, accessToken));
            Assert.False((await Oidc.RefreshAsync(second, refreshToken)).IsError);
            Assert.True(File.Exists(Path.Combine(second.KeyDirectory, "signing.pfx")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(second.KeyDirectory, "signing.pfx")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<string> KeyIdsAsync(IdentityHost host)
    {
        using var client = host.CreateClient();
        var keys = await client.GetFromJsonAsync<JsonElement>("/.well-known/jwks");
        return string.Join(",", keys.GetProperty("keys").EnumerateArray().Select(key => key.GetProperty("kid").GetString()).Order());
    }
}
