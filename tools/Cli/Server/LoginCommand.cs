using System.Net.Http.Headers;
using System.Text.Json;
using AudioPlatform.PlatformClient;

namespace AudioPlatform.Cli.Server;

/// <summary><c>audioplatform login</c> (device authorization grant) and <c>audioplatform logout</c>.</summary>
internal static class LoginCommand
{
    public static async Task<int> LoginAsync(LoginArguments arguments, CredentialStore store, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var server = ServerAddress.Resolve(arguments.Server, Environment.GetEnvironmentVariable(ServerAddress.EnvironmentVariable), store.Load());
        using var http = new HttpClient { BaseAddress = new Uri(server + "/"), Timeout = TimeSpan.FromSeconds(30) };
        var deviceFlow = new DeviceFlowClient(http);
        try
        {
            var device = await deviceFlow.AuthorizeAsync(cancellationToken: ct).ConfigureAwait(false);
            stdout.WriteLine($"To sign in, open {device.VerificationUri} and enter the code {device.UserCode}");
            stdout.WriteLine($"(or open {device.VerificationUriComplete})");
            stdout.WriteLine($"Waiting for the code to be confirmed (it expires in {device.ExpiresIn.TotalMinutes:0} minutes)…");
            stdout.Flush();

            var poll = await deviceFlow.WaitAsync(device, ct).ConfigureAwait(false);
            switch (poll.State)
            {
                case DeviceCodeState.Denied:
                    stderr.WriteLine("The sign-in was denied on the confirmation page. Nothing was stored.");
                    return ExitCodes.SomeFailed;
                case DeviceCodeState.Expired:
                    stderr.WriteLine("The code expired before it was confirmed. Run audioplatform login again for a new one.");
                    return ExitCodes.SomeFailed;
            }

            var tokens = poll.Tokens!;
            var email = await WhoAsync(http, tokens.AccessToken, ct).ConfigureAwait(false);
            store.Save(new StoredCredentials(server, tokens.AccessToken, tokens.RefreshToken, tokens.ExpiresAt, email));
            stdout.WriteLine($"Signed in to {server}{(email is null ? "" : $" as {email}")}. Credentials: {store.FilePath}");
            return ExitCodes.Ok;
        }
        catch (HttpRequestException e) when (e.StatusCode is null)
        {
            throw CliFailure.Unreachable(server, e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw CliFailure.Unreachable(server, e);
        }
        catch (PlatformClientException e)
        {
            throw new CliFailure(ExitCodes.ServerError, e.Message);
        }
    }

    /// <summary>Deletes the stored tokens, revoking the refresh token first when the server can be reached.</summary>
    public static async Task<int> LogoutAsync(CredentialStore store, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var stored = store.Load();
        if (stored is null)
        {
            store.Delete();
            stdout.WriteLine("Not signed in.");
            return ExitCodes.Ok;
        }

        if (stored.RefreshToken is { } refreshToken)
        {
            using var http = new HttpClient { BaseAddress = new Uri(stored.Server + "/"), Timeout = TimeSpan.FromSeconds(10) };
            try
            {
                await new DeviceFlowClient(http).RevokeAsync(refreshToken, "refresh_token", ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or PlatformClientException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                // Signing out here must work offline too; the refresh token then simply runs out.
                stderr.WriteLine($"Could not revoke the sign-in at {stored.Server} ({e.Message}); the stored tokens are deleted anyway.");
            }
        }

        store.Delete();
        stdout.WriteLine($"Signed out of {stored.Server}.");
        return ExitCodes.Ok;
    }

    private static async Task<string?> WhoAsync(HttpClient http, string accessToken, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            return null;
        var me = await PlatformApi.ReadJsonAsync(response, ct).ConfigureAwait(false);
        return me.TryGetProperty("email", out var email) && email.ValueKind == JsonValueKind.String ? email.GetString() : null;
    }
}
