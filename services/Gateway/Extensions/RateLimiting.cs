using System.Globalization;
using System.Threading.RateLimiting;
using AudioPlatform.Gateway.Model;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AudioPlatform.Gateway.Extensions;

/// <summary>
/// Limits at the door: credential posts per client IP (password guessing), uploads and diagnostics calls per user (the
/// user from a validated bearer token or the web session, never from anything a client can choose). The windows are
/// counted in Redis when there is one, so a limit holds however many Gateway replicas share the traffic.
/// </summary>
internal static class RateLimiting
{
    private static readonly PathString[] CredentialPaths = ["/account/signin", "/account/register", "/api/v1/auth/register"];
    private static readonly PathString UploadPath = "/api/v1/audio/upload";
    private static readonly PathString[] DiagnosticsPaths = ["/api/v1/ingest/diagnostics", "/api/v1/notify/diagnostics"];

    public static void AddGatewayRateLimiting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>()
            .BindConfiguration(RateLimitOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((options, limits) =>
        {
            var settings = limits.Value;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, settings));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = WriteTooManyRequestsAsync;
        });
    }

    internal static RateLimitPartition<string> Partition(HttpContext context, RateLimitOptions settings)
    {
        var request = context.Request;
        var redis = context.RequestServices.GetService<IConnectionMultiplexer>();
        if (IsDiagnostics(request.Path))
        {
            return SharedRateLimitPartition.FixedWindow($"gateway:diagnostics:{UserOrAddress(context)}", settings.DiagnosticsPerWindow, settings.DiagnosticsWindow, redis);
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        if (CredentialPaths.Any(path => request.Path.Equals(path, StringComparison.OrdinalIgnoreCase)))
        {
            var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            return SharedRateLimitPartition.FixedWindow($"gateway:sign-in:{address}", settings.SignInAttemptsPerWindow, settings.SignInWindow, redis);
        }

        if (request.Path.Equals(UploadPath, StringComparison.OrdinalIgnoreCase))
        {
            return SharedRateLimitPartition.FixedWindow($"gateway:upload:{UserOrAddress(context)}", settings.UploadsPerWindow, settings.UploadWindow, redis);
        }

        return RateLimitPartition.GetNoLimiter(string.Empty);
    }

    private static bool IsDiagnostics(PathString path) =>
        DiagnosticsPaths.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The signed-in user; without one the request is refused by the service anyway, and such attempts share a budget
    /// per address.
    /// </summary>
    private static string UserOrAddress(HttpContext context) =>
        context.User.GetUserId() ?? $"anonymous:{context.Connection.RemoteIpAddress}";

    private static async ValueTask WriteTooManyRequestsAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var context = rejected.HttpContext;
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var path = context.Request.Path;
        var what = path.Equals(UploadPath, StringComparison.OrdinalIgnoreCase) ? "Too many uploads in a short time."
            : IsDiagnostics(path) ? "Too many diagnostics calls in a short time."
            : "Too many sign-in or registration attempts from this address.";
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = $"{what} Wait for the time in Retry-After and try again.",
            },
        });
    }
}
