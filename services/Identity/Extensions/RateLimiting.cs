using System.Globalization;
using System.Threading.RateLimiting;
using AudioPlatform.Identity.Model;
using Microsoft.AspNetCore.RateLimiting;
using StackExchange.Redis;

namespace AudioPlatform.Identity.Extensions;

/// <summary>
/// Password guessing is slowed per client IP (the Gateway's X-Forwarded-For, trusted from loopback
/// only) before account lockout stops it per account. Only the posts of credentials count. The windows are in Redis
/// when Identity has one, so the limit holds across replicas.
/// </summary>
internal static class RateLimiting
{
    private static readonly PathString[] CredentialPaths = ["/account/signin", "/account/register", "/api/v1/auth/register"];

    public static void AddSignInRateLimiting(this IHostApplicationBuilder builder, IdentityServiceOptions settings)
    {
        builder.Services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsPost(context.Request.Method) && CredentialPaths.Any(path => context.Request.Path.Equals(path, StringComparison.OrdinalIgnoreCase))
                    ? SharedRateLimitPartition.FixedWindow(
                        $"identity:sign-in:{context.Connection.RemoteIpAddress?.ToString() ?? "unknown"}",
                        settings.SignInAttemptsPerMinute,
                        TimeSpan.FromMinutes(1),
                        context.RequestServices.GetService<IConnectionMultiplexer>())
                    : RateLimitPartition.GetNoLimiter(string.Empty));

            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var response = rejected.HttpContext.Response;
                response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = rejected.HttpContext,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many attempts.",
                        Detail = "Too many sign-in or registration attempts from this address. Wait and try again.",
                    },
                });
            };
        });
    }
}
