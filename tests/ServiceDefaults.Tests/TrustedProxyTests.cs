using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AudioPlatform.ServiceDefaults.Tests;

/// <summary>
/// A service with forwarded headers turned on as Aspire and the Helm chart turn them on
/// (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c>) believes X-Forwarded-* only from the proxies listed under
/// <c>ForwardedHeaders</c>, when any are listed.
/// </summary>
public sealed class TrustedProxyTests
{
    private static readonly IPAddress IngressController = IPAddress.Parse("10.1.2.3");
    private static readonly IPAddress Stranger = IPAddress.Parse("192.0.2.10");

    [Fact]
    public async Task Forwarded_scheme_and_address_from_a_listed_network_are_believed()
    {
        await using var service = await ServiceAsync(("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/8"));

        var seen = await RequestAsync(service, from: IngressController);

        Assert.Equal("https 203.0.113.7", seen);
    }

    [Fact]
    public async Task Forwarded_scheme_and_address_from_anyone_else_are_ignored()
    {
        await using var service = await ServiceAsync(("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/8"));

        var seen = await RequestAsync(service, from: Stranger);

        Assert.Equal($"http {Stranger}", seen);
    }

    [Fact]
    public async Task A_listed_single_proxy_is_believed_and_its_neighbour_is_not()
    {
        await using var service = await ServiceAsync(("ForwardedHeaders:KnownProxies:0", "10.1.2.3"));

        Assert.Equal("https 203.0.113.7", await RequestAsync(service, from: IngressController));
        Assert.Equal("http 10.1.2.4", await RequestAsync(service, from: IPAddress.Parse("10.1.2.4")));
    }

    [Fact]
    public async Task Without_a_list_the_switch_alone_believes_everyone_which_is_why_the_edge_needs_the_list()
    {
        await using var service = await ServiceAsync();

        var seen = await RequestAsync(service, from: Stranger);

        Assert.Equal("https 203.0.113.7", seen);
    }

    [Fact]
    public async Task A_network_that_is_not_in_CIDR_notation_stops_the_start_naming_the_key()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ServiceAsync(("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/33")));

        Assert.Contains("ForwardedHeaders:KnownNetworks:0", error.Message);
    }

    private static async Task<string> RequestAsync(WebApplication service, IPAddress from)
    {
        var context = await service.GetTestServer().SendAsync(request =>
        {
            request.Connection.RemoteIpAddress = from;
            request.Request.Path = "/seen";
            request.Request.Headers["X-Forwarded-Proto"] = "https";
            request.Request.Headers["X-Forwarded-For"] = "203.0.113.7";
        });
        return await new StreamReader(context.Response.Body).ReadToEndAsync();
    }

    private static async Task<WebApplication> ServiceAsync(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Configuration["FORWARDEDHEADERS_ENABLED"] = "true";
        foreach (var (key, value) in settings)
        {
            builder.Configuration[key] = value;
        }

        builder.AddServiceDefaults();
        var app = builder.Build();
        app.MapGet("/seen", (HttpContext context) => $"{context.Request.Scheme} {context.Connection.RemoteIpAddress}");
        await app.StartAsync();
        return app;
    }
}
