using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AudioPlatform.PlatformClient;

namespace AudioPlatform.Cli.Server;

/// <summary>The exit codes of the server commands (listed in the usage text).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int SomeFailed = 1;
    public const int Usage = 2;
    public const int LoginRequired = 3;
    public const int ServerError = 4;
    public const int Cancelled = 130;
}

/// <summary>A command cannot go on; <see cref="Exception.Message"/> is what the user reads, <see cref="ExitCode"/> what the shell gets.</summary>
internal sealed class CliFailure(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public static CliFailure LoginRequired(string server, string why) =>
        new(ExitCodes.LoginRequired, $"{why} Run: audioplatform login{(server == ServerAddress.Default ? "" : $" --server {server}")}");

    public static CliFailure Unreachable(string server, Exception cause) =>
        new(ExitCodes.ServerError, $"Cannot reach the AudioPlatform server at {server} ({cause.Message}). Is it running? " +
            "Point --server or AUDIOPLATFORM_SERVER at it.");
}

/// <summary>Which server a command talks to: <c>--server</c>, else <c>AUDIOPLATFORM_SERVER</c>, else the one signed in to, else the local one.</summary>
internal static class ServerAddress
{
    public const string Default = "http://localhost:8080";
    public const string EnvironmentVariable = "AUDIOPLATFORM_SERVER";

    public static string Resolve(string? option, string? environment, StoredCredentials? stored) =>
        Normalize(FirstNonEmpty(option, environment, stored?.Server) ?? Default);

    /// <summary>An absolute http(s) address without a trailing slash, so that one server is always spelt one way.</summary>
    public static string Normalize(string address)
    {
        if (!Uri.TryCreate(address.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query != "" || uri.Fragment != "")
            throw new UsageException($"The server address '{address}' is not an http(s) address such as {Default}.");
        return uri.GetLeftPart(UriPartial.Authority) + uri.AbsolutePath.TrimEnd('/');
    }

    private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}

/// <summary>
/// The signed-in user's view of the Gateway: every request carries the access token, which is refreshed with the
/// stored refresh token shortly before it expires (or once when the server refuses it), and saved again.
/// </summary>
internal sealed class PlatformApi : IDisposable
{
    private static readonly TimeSpan RefreshAhead = TimeSpan.FromMinutes(1);

    private readonly HttpClient _http;
    private readonly CredentialStore _store;
    private StoredCredentials _credentials;

    private PlatformApi(string server, CredentialStore store, StoredCredentials credentials)
    {
        Server = server;
        _store = store;
        _credentials = credentials;
        // Uploads of large files on a slow link take long; Ctrl+C is the way to give up.
        _http = new HttpClient { BaseAddress = new Uri(server + "/"), Timeout = Timeout.InfiniteTimeSpan };
    }

    public string Server { get; }

    public string? Email => _credentials.Email;

    /// <exception cref="CliFailure">Nobody is signed in to that server.</exception>
    public static PlatformApi Connect(string? serverOption, CredentialStore store)
    {
        var stored = store.Load();
        var server = ServerAddress.Resolve(serverOption, Environment.GetEnvironmentVariable(ServerAddress.EnvironmentVariable), stored);
        if (stored is null)
            throw CliFailure.LoginRequired(server, "Not signed in.");
        if (stored.Server != server)
            throw CliFailure.LoginRequired(server, $"Signed in to {stored.Server}, not to {server}.");
        return new PlatformApi(server, store, stored);
    }

    /// <summary>The absolute address of a path on the server, e.g. a track's stream.</summary>
    public Uri Address(string path) => new(_http.BaseAddress!, path.TrimStart('/'));

    /// <summary>
    /// Sends a request made by <paramref name="build"/> (called again if the request has to be repeated with a fresh
    /// token). Any answer but 401 is returned as it is; the caller disposes it.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        var refreshed = false;
        if (_credentials.ExpiresAt - DateTimeOffset.UtcNow < RefreshAhead)
        {
            await RefreshAsync(cancellationToken).ConfigureAwait(false);
            refreshed = true;
        }
        while (true)
        {
            using var request = build();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _credentials.AccessToken);
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e) when (e.StatusCode is null)
            {
                throw CliFailure.Unreachable(Server, e);
            }
            if (response.StatusCode != HttpStatusCode.Unauthorized)
                return response;
            response.Dispose();
            if (refreshed)
                throw CliFailure.LoginRequired(Server, "The server no longer accepts this sign-in.");
            await RefreshAsync(cancellationToken).ConfigureAwait(false);
            refreshed = true;
        }
    }

    /// <summary>GETs JSON; any answer but 2xx becomes a <see cref="CliFailure"/> carrying the problem details.</summary>
    public async Task<JsonElement> GetJsonAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw await ProblemAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends <paramref name="body"/> (if any) as JSON; answers the JSON reply, or null for one without a body (204). Any
    /// answer but 2xx becomes a <see cref="CliFailure"/> carrying the problem details.
    /// </summary>
    public async Task<JsonElement?> SendJsonAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) },
            cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw await ProblemAsync(response, cancellationToken).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.NoContent ? null : await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
        return document.RootElement.Clone();
    }

    /// <summary>An error answer in words: the problem details' title and detail (and each invalid field), else the status.</summary>
    public static async Task<CliFailure> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return new CliFailure(ExitCodes.ServerError, DescribeProblem((int)response.StatusCode, response.ReasonPhrase, text));
    }

    internal static string DescribeProblem(int status, string? reason, string body)
    {
        var message = new StringBuilder($"The server answered {status}");
        try
        {
            using var document = JsonDocument.Parse(body);
            var problem = document.RootElement;
            var title = problem.TryGetProperty("title", out var t) ? t.GetString() : null;
            var detail = problem.TryGetProperty("detail", out var d) ? d.GetString() : null;
            message.Append(": ").Append(string.Join(" — ", new[] { title ?? reason, detail }.Where(s => !string.IsNullOrEmpty(s))));
            if (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in errors.EnumerateObject())
                    foreach (var error in field.Value.EnumerateArray())
                        message.Append('\n').Append("  ").Append(field.Name).Append(": ").Append(error.GetString());
            }
        }
        catch (JsonException)
        {
            message.Append(": ").Append(reason);
        }
        return message.ToString();
    }

    /// <summary>
    /// Renews the access token. Identity rotates refresh tokens and revokes the whole sign-in when a spent one is
    /// presented again, so this runs under a lock shared with other runs of the tool, and takes the tokens another
    /// run has just stored instead of spending the same refresh token twice.
    /// </summary>
    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        using var held = await _store.LockForRefreshAsync(cancellationToken).ConfigureAwait(false);
        var stored = _store.Load();
        if (stored is not null && stored.Server == Server && stored.AccessToken != _credentials.AccessToken
            && stored.ExpiresAt - DateTimeOffset.UtcNow >= RefreshAhead)
        {
            _credentials = stored;
            return;
        }
        var refreshToken = stored?.RefreshToken ?? _credentials.RefreshToken
            ?? throw CliFailure.LoginRequired(Server, "The sign-in has expired.");
        try
        {
            var tokens = await new DeviceFlowClient(_http).RefreshAsync(refreshToken, cancellationToken).ConfigureAwait(false);
            _credentials = _credentials with
            {
                AccessToken = tokens.AccessToken,
                RefreshToken = tokens.RefreshToken ?? refreshToken,
                ExpiresAt = tokens.ExpiresAt,
            };
            _store.Save(_credentials);
        }
        catch (TokenRefusedException)
        {
            throw CliFailure.LoginRequired(Server, "The sign-in has expired or was revoked.");
        }
        catch (HttpRequestException e) when (e.StatusCode is null)
        {
            throw CliFailure.Unreachable(Server, e);
        }
        catch (PlatformClientException e)
        {
            throw new CliFailure(ExitCodes.ServerError, e.Message);
        }
    }

    public void Dispose() => _http.Dispose();
}
