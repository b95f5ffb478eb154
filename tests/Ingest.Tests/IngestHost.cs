using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using AudioPlatform.Ingest.Model;
using AudioPlatform.Storage;
using MassTransit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AudioPlatform.Ingest.Tests;

/// <summary>
/// The real Ingest service in memory (TestServer) on a local-disk object store of its own, with MassTransit's in-memory
/// harness for the bus and a clock the test moves. Requests carry the user in a <c>Test</c> authorization header
/// (<see cref="TestUser"/>) instead of a token from Identity, which cannot run here.
/// </summary>
public sealed class IngestHost : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"audioplatform-ingest-api-{Guid.NewGuid():N}");
    private readonly WebApplicationFactory<StreamLinkSigner> _factory;

    public IngestHost()
    {
        _factory = new WebApplicationFactory<StreamLinkSigner>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("ConnectionStrings:objects", $"Directory={_directory}");
            web.UseSetting("ConnectionStrings:messaging", "amqp://guest:guest@localhost:5672/");
            web.UseSetting("Authentication:Authority", "http://localhost:1/");
            web.UseSetting("StreamLinks:SigningKey", "a-test-signing-key-of-more-than-32-characters");
            web.ConfigureLogging(logging => logging.ClearProviders());
            web.ConfigureTestServices(services =>
            {
                services.AddMassTransitTestHarness(TextWriter.Null);
                services.AddSingleton<TimeProvider>(Clock);
                services.AddAuthentication(TestUser.SchemeName).AddScheme<AuthenticationSchemeOptions, TestUser>(TestUser.SchemeName, null);
            });
        });
    }

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public IObjectStorage Objects => _factory.Services.GetRequiredService<IObjectStorage>();

    /// <summary>Stores <paramref name="bytes"/> as <paramref name="userId"/>'s audio of a new track, as an upload would.</summary>
    public async Task<Guid> StoreAudioAsync(string userId, byte[] bytes)
    {
        var trackId = Guid.NewGuid();
        await Objects.PutAsync(ObjectKey.ForAudio(userId, trackId), new MemoryStream(bytes), new ObjectWrite("audio/mpeg", bytes.Length));
        return trackId;
    }

    /// <summary>A client whose requests are <paramref name="userId"/>'s; none when it is null.</summary>
    public HttpClient Client(string? userId = null)
    {
        var client = _factory.CreateClient();
        if (userId is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(TestUser.SchemeName, userId);
        }

        return client;
    }

    public void Dispose()
    {
        _factory.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}

/// <summary>Signs the request in as the user named in its <c>Authorization: Test &lt;user id&gt;</c> header.</summary>
public sealed class TestUser(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(Request.Headers.Authorization.ToString() is { } header && header.StartsWith($"{SchemeName} ", StringComparison.Ordinal)
            ? AuthenticateResult.Success(new AuthenticationTicket(
                new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", header[(SchemeName.Length + 1)..])], SchemeName)), SchemeName))
            : AuthenticateResult.NoResult());
}
