using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using AudioPlatform.Library.Infrastructure;
using AudioPlatform.Library.Model;
using AudioPlatform.LibraryBenchmark;
using MassTransit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using LiteDB;

// audioplatform-library-benchmark [tracks=10000] [others=5000] [requests=100]
var tracks = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var others = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5_000;
var requests = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100;
const string user = "benchmark-user";

var file = Path.Combine(Path.GetTempPath(), $"audioplatform-library-benchmark-{Guid.NewGuid():N}.db");
// Seeded straight into the LiteDB file before the service opens it: one bulk write instead of 15,000 requests' worth.
var seeding = Stopwatch.StartNew();
var library = new SeededLibrary(seed: 16);
var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
using (var database = new LiteDatabase($"Filename={file};Connection=direct"))
{
    database.GetCollection<Track>(LiteDbTrackRepository.CollectionName).InsertBulk(Enumerable.Range(0, tracks + others)
        .Select(i => TrackTransitions.PrepareNew(library.Next(i < tracks ? user : $"other-user-{i % 7}", i, start.AddMinutes(i)))));
}

using var factory = new WebApplicationFactory<ITrackRepository>().WithWebHostBuilder(web =>
{
    web.UseEnvironment("Development");
    web.UseSetting("ConnectionStrings:librarydb", $"Filename={file};Connection=direct");
    web.UseSetting("ConnectionStrings:messaging", "amqp://guest:guest@localhost:5672/");
    web.UseSetting("Authentication:Authority", "http://localhost:1/");
    web.ConfigureLogging(logging => logging.ClearProviders());
    web.ConfigureTestServices(services =>
    {
        services.AddMassTransitTestHarness(TextWriter.Null);
        services.AddAuthentication(BenchmarkUser.SchemeName).AddScheme<AuthenticationSchemeOptions, BenchmarkUser>(BenchmarkUser.SchemeName, null);
    });
});

_ = factory.Services.GetRequiredService<ITrackRepository>();
Console.WriteLine($"Seeded {tracks:N0} tracks for one user and {others:N0} for seven others in {seeding.Elapsed.TotalSeconds:0.0} s " +
    $"({new FileInfo(file).Length / 1e6:0} MB of LiteDB).");

using var client = factory.CreateClient();
client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(BenchmarkUser.SchemeName, user);
(string Name, string Url)[] scenarios =
[
    ("list, newest first", "/api/v1/audio?pageSize=50"),
    ("list, by tempo, page 40", "/api/v1/audio?pageSize=50&sort=tempoBpm&page=40"),
    ("list, house by energy desc", "/api/v1/audio?pageSize=50&genre=house&sort=-energy"),
    ("list, 120-130 BPM in 8A by title", "/api/v1/audio?pageSize=50&bpmMin=120&bpmMax=130&camelot=8A&sort=title"),
    ("list, search \"sketch 12\"", "/api/v1/audio?pageSize=50&q=sketch%2012"),
    ("statistics, whole library", "/api/v1/library/stats"),
    ("statistics, techno 120+ BPM", "/api/v1/library/stats?genre=techno&bpmMin=120"),
    ("map, 2,000 newest", "/api/v1/library/map"),
    ("map, 5,000 newest", "/api/v1/library/map?limit=5000"),
];

Console.WriteLine();
// CPU ms is the process's processor time per request (server and client together): on a shared machine the wall-clock
// percentiles include waiting for a core, the CPU time does not.
Console.WriteLine($"{"request",-36} {"n",5} {"p50 ms",8} {"p95 ms",8} {"max ms",8} {"CPU ms",8} {"bytes",9}");
foreach (var (name, url) in scenarios)
{
    long bytes = 0;
    // The first requests load the user's rows and warm the JIT; they are not what a user waits for on each page.
    for (var i = 0; i < 20; i++)
    {
        bytes = (await client.GetByteArrayAsync(url)).Length;
    }

    var times = new List<double>(requests);
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    for (var i = 0; i < requests; i++)
    {
        var watch = Stopwatch.StartNew();
        using var response = await client.GetAsync(url);
        response.EnsureSuccessStatusCode();
        _ = await response.Content.ReadAsByteArrayAsync();
        times.Add(watch.Elapsed.TotalMilliseconds);
    }

    var cpuPerRequest = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / requests;
    times.Sort();
    Console.WriteLine($"{name,-36} {requests,5} {Percentile(times, 0.5),8:0.0} {Percentile(times, 0.95),8:0.0} {times[^1],8:0.0} {cpuPerRequest,8:0.0} {bytes,9:N0}");
}

factory.Dispose();
File.Delete(file);

static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

/// <summary>Signs every request in as the user named in its <c>Authorization: Bench &lt;id&gt;</c> header (no Identity runs here).</summary>
internal sealed class BenchmarkUser(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bench";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header) && header is { Scheme: SchemeName, Parameter: { } id }
            ? AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", id)], SchemeName)), SchemeName))
            : AuthenticateResult.NoResult());
}
