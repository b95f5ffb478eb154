using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using IPNetwork = System.Net.IPNetwork;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The <c>ForwardedHeaders</c> section: which proxies' <c>X-Forwarded-For/-Proto/-Host</c> a service believes.
/// ASP.NET Core's <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c> (which Aspire sets on every project, and the Helm
/// chart sets on every service) turns the headers on and trusts <em>every</em> sender; at the edge, behind an ingress
/// controller, that lets any client claim https or another address. Listing the proxies here narrows it to them.
/// </summary>
public sealed class TrustedProxyOptions : IValidatableObject
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Networks of trusted proxies in CIDR notation (<c>10.0.0.0/8</c>): an ingress controller's pod range.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>Addresses of single trusted proxies (<c>10.1.2.3</c>).</summary>
    public List<string> KnownProxies { get; set; } = [];

    public bool IsConfigured => KnownNetworks.Count > 0 || KnownProxies.Count > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var index = 0; index < KnownNetworks.Count; index++)
        {
            if (!IPNetwork.TryParse(KnownNetworks[index], out _))
            {
                yield return new ValidationResult($"{SectionName}:{nameof(KnownNetworks)}:{index}: '{KnownNetworks[index]}' is not a network in CIDR notation (10.0.0.0/8).", [nameof(KnownNetworks)]);
            }
        }

        for (var index = 0; index < KnownProxies.Count; index++)
        {
            if (!IPAddress.TryParse(KnownProxies[index], out _))
            {
                yield return new ValidationResult($"{SectionName}:{nameof(KnownProxies)}:{index}: '{KnownProxies[index]}' is not an IP address.", [nameof(KnownProxies)]);
            }
        }
    }
}

public static class TrustedProxyExtensions
{
    /// <summary>
    /// When <c>ForwardedHeaders:KnownNetworks:N</c> or <c>ForwardedHeaders:KnownProxies:N</c> is set, only those
    /// proxies are believed (after every other configuration of the forwarded-headers options, so it also narrows what
    /// <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c> opened). Unset, nothing changes. Invalid entries stop the start.
    /// </summary>
    public static IHostApplicationBuilder AddTrustedProxies(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TrustedProxyOptions>()
            .BindConfiguration(TrustedProxyOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddOptions<ForwardedHeadersOptions>().PostConfigure<IOptions<TrustedProxyOptions>>((options, trusted) =>
        {
            if (!trusted.Value.IsConfigured)
            {
                return;
            }

            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            foreach (var network in trusted.Value.KnownNetworks)
            {
                if (IPNetwork.TryParse(network, out var parsed))
                {
                    options.KnownIPNetworks.Add(parsed);
                }
            }

            foreach (var proxy in trusted.Value.KnownProxies)
            {
                if (IPAddress.TryParse(proxy, out var parsed))
                {
                    options.KnownProxies.Add(parsed);
                }
            }

            options.ForwardedHeaders |= ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        });
        return builder;
    }
}
