using AudioPlatform.Gateway.Model;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AudioPlatform.Gateway.Extensions;

/// <summary>
/// The built web app (<c>web/dist</c>): its files as they are, and <c>index.html</c> for any other
/// page path so that the SPA's router takes over. Paths the back end owns never get the SPA.
/// </summary>
internal static class SpaHosting
{
    private static readonly PathString[] BackendPaths =
        ["/api", "/connect", "/account", "/.well-known", "/signin-oidc", "/signout-callback-oidc", "/health", "/alive"];

    internal const string MissingBuildPage = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>AudioPlatform: web app not built</title></head>
        <body><h1>The web app is not built</h1>
        <p>The Gateway serves the web app from its build folder, which has no <code>index.html</code>.
        Build it with <code>cd web &amp;&amp; npm ci &amp;&amp; npm run build</code> (or set <code>Spa:RootPath</code>) and restart the Gateway.</p>
        <p>The API is unaffected: <a href="/api/v1/status">/api/v1/status</a>.</p></body></html>
        """;

    public static IApplicationBuilder UseSpaStaticFiles(this WebApplication app)
    {
        if (SpaRoot(app) is { } root)
        {
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(root),
                OnPrepareResponse = file =>
                {
                    // Vite puts a content hash in every name under assets/: those never change.
                    if (file.Context.Request.Path.StartsWithSegments("/assets"))
                    {
                        file.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                    }
                },
            });
        }

        return app;
    }

    public static IEndpointConventionBuilder MapSpaFallback(this WebApplication app)
    {
        var root = SpaRoot(app);
        if (root is null)
        {
            app.Logger.LogWarning("No web app build at {Path}: page requests get an explanatory 404.", SpaRootPath(app));
        }

        return app.MapFallback(async context =>
        {
            var request = context.Request;
            if (BackendPaths.Any(path => request.Path.StartsWithSegments(path))
                || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            if (root is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(MissingBuildPage);
                return;
            }

            // The page itself is always revalidated, so a new build is picked up at the next load.
            context.Response.Headers.CacheControl = "no-cache";
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.SendFileAsync(Path.Combine(root, "index.html"));
        });
    }

    private static string SpaRootPath(WebApplication app) =>
        Path.GetFullPath(app.Services.GetRequiredService<IOptions<SpaOptions>>().Value.RootPath, app.Environment.ContentRootPath);

    private static string? SpaRoot(WebApplication app)
    {
        var root = SpaRootPath(app);
        return File.Exists(Path.Combine(root, "index.html")) ? root : null;
    }
}
