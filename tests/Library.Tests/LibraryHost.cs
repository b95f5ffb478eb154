using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using AudioPlatform.Library.Model;
using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AudioPlatform.Library.Tests;

/// <summary>
/// The real Library service in memory (TestServer) on a LiteDB file of its own, with MassTransit's in-memory harness for
/// the bus. Requests carry the user in a <c>Test</c> authorization header (<see cref="TestUser"/>) instead of a token
/// from Identity, which cannot run here; everything behind authentication is the service's own code.
/// </summary>
public sealed class LibraryHost : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"audioplatform-library-api-{Guid.NewGuid():N}.db");
    private readonly WebApplicationFactory<ITrackRepository> _factory;

    public LibraryHost()
    {
        _factory = new WebApplicationFactory<ITrackRepository>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("ConnectionStrings:librarydb", $"Filename={_file};Connection=direct");
            web.UseSetting("ConnectionStrings:messaging", "amqp://guest:guest@localhost:5672/");
            web.UseSetting("Authentication:Authority", "http://localhost:1/");
            web.UseSetting("Outbox:Interval", "00:00:00.050");
            // The tests date their tracks in the past (fixed instants): the host's own reconciler, on the real clock, would
            // take them for stuck and change them under the test (StuckTrackReconcilerTests test it with a clock of theirs).
            web.UseSetting("Reconciler:StuckAfter", "3650.00:00:00");
            web.ConfigureLogging(logging => logging.ClearProviders());
            web.ConfigureTestServices(services =>
            {
                services.AddMassTransitTestHarness(TextWriter.Null);
                services.AddAuthentication(TestUser.SchemeName).AddScheme<AuthenticationSchemeOptions, TestUser>(TestUser.SchemeName, null);
            });
        });
    }

    public ITrackRepository Tracks => _factory.Services.GetRequiredService<ITrackRepository>();

    public ITestHarness Bus => _factory.Services.GetRequiredService<ITestHarness>();

    /// <summary>A client whose requests are <paramref name="userId"/>'s.</summary>
    public HttpClient Client(string userId)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(TestUser.SchemeName, userId);
        return client;
    }

    public void Dispose()
    {
        _factory.Dispose();
        File.Delete(_file);
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
