using System.Diagnostics;

namespace AudioPlatform.Gateway.Infrastructure;

public sealed record ServiceHealth(string Name, string Status, long DurationMs, string? Error = null);

/// <summary>Asks each service's <c>/health</c> through service discovery, the way the proxy reaches it.</summary>
public sealed class ServiceHealthClient(HttpClient http)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<ServiceHealth> CheckAsync(string service, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            using var response = await http.GetAsync($"http://{service}/health", timeout.Token);
            var body = (await response.Content.ReadAsStringAsync(timeout.Token)).Trim();
            var status = body is "Healthy" or "Degraded" or "Unhealthy" ? body : response.IsSuccessStatusCode ? "Healthy" : "Unhealthy";
            return new(service, status, stopwatch.ElapsedMilliseconds);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or TimeoutException)
        {
            return new(service, "Unreachable", stopwatch.ElapsedMilliseconds, ex.Message);
        }
    }
}
