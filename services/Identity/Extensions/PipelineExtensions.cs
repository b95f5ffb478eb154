namespace AudioPlatform.Identity.Extensions;

internal static class PipelineExtensions
{
    /// <summary>Forwarded headers from the Gateway first, then security headers, static files, rate limits, authentication and antiforgery.</summary>
    public static WebApplication UseSignInPipeline(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'";
            await next(context);
        });
        // The pages' stylesheet, script and icon (wwwroot/account/assets, under /account so the Gateway routes them here).
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }
}
