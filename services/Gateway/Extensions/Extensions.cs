using AudioPlatform.Gateway.Bff;
using AudioPlatform.Gateway.Infrastructure;
using AudioPlatform.Gateway.Model;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace AudioPlatform.Gateway.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddServiceDiscoveryDestinationResolver()
            .AddTransforms<SessionTokenTransform>();

        builder.Services.AddHttpClient<ServiceHealthClient>();
        builder.AddHttpBehaviour();

        builder.AddBffAuthentication();
        builder.AddGatewayRateLimiting();

        builder.Services.AddOptions<CorsAllowListOptions>()
            .BindConfiguration(CorsAllowListOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.AddProductionRule<CorsAllowListOptions>(allowList => allowList.AllowedOrigins.SelectMany((origin, index) =>
            ProductionSafetyExtensions.RequireHttps($"{CorsAllowListOptions.SectionName}:{nameof(allowList.AllowedOrigins)}:{index}", origin,
                "an allowed origin calls with the user's session cookie.")));
        builder.Services.AddCors();
        builder.Services.AddOptions<CorsOptions>().Configure<IOptions<CorsAllowListOptions>>((cors, allowList) =>
            cors.AddDefaultPolicy(policy =>
            {
                // No origin listed: no cross-origin caller is granted anything, preflights included.
                if (allowList.Value.AllowedOrigins.Count > 0)
                {
                    policy.WithOrigins([.. allowList.Value.AllowedOrigins]).AllowAnyHeader().AllowAnyMethod().AllowCredentials();
                }
            }));

        builder.Services.AddOptions<SpaOptions>()
            .BindConfiguration(SpaOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
    }

    /// <summary>
    /// After the defaults (exception handler, status-code pages): CORS, who the caller is, the limits
    /// (which need the user), the antiforgery check, then the SPA's files.
    /// </summary>
    public static WebApplication UseGatewayPipeline(this WebApplication app)
    {
        app.UseCors();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseMiddleware<AntiforgeryHeaderMiddleware>();
        app.UseSpaStaticFiles();
        return app;
    }
}
