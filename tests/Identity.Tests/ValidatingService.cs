using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AudioPlatform.Identity.Tests;

/// <summary>
/// A service as the others will be: service defaults plus <c>AddDefaultAuthentication()</c>, with one
/// endpoint for any valid token and one that needs a role nobody has (for 403).
/// </summary>
public sealed class ValidatingService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ValidatingService(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public static async Task<ValidatingService> StartAsync(string issuer, Uri authority, IReadOnlyDictionary<string, string>? settings = null)
    {
        // Not Development (no development defaults) and not Production, whose safety rules refuse plain http.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Staging" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["Authentication:Issuer"] = issuer;
        builder.Configuration["Authentication:Authority"] = authority.ToString();
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.Configuration[key] = value;
        }

        builder.AddServiceDefaults();
        builder.AddDefaultAuthentication();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/whoami", (ClaimsPrincipal user) => Results.Ok(user.FindFirst("sub")?.Value)).RequireAuthorization();
        app.MapGet("/admin", () => Results.Ok()).RequireAuthorization(policy => policy.RequireRole("admin"));
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new ValidatingService(app, new HttpClient { BaseAddress = new Uri(address) });
    }

    public async Task<HttpResponseMessage> GetAsync(string path, string? accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accessToken is not null)
        {
            request.Headers.Authorization = new("Bearer", accessToken);
        }

        return await Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
