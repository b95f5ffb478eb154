using System.Globalization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using AudioPlatform.Ingest.Infrastructure;
using AudioPlatform.Ingest.Model;

namespace AudioPlatform.Ingest.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // ICU is on for Unicode normalisation only (see Ingest.csproj); numbers and dates keep the invariant culture.
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;

        builder.Services.AddOptions<UploadOptions>()
            .BindConfiguration("Upload")
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddOptions<StreamLinkOptions>()
            .BindConfiguration(StreamLinkOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<StreamLinkSigner>();

        builder.AddDefaultAuthentication();
        builder.AddObjectStorage();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<UploadOutbox>();
        builder.Services.AddSingleton<TaggedCopies>();
        builder.Services.AddHostedService<UploadOutboxDispatcher>();
        builder.Services.AddScoped<UploadProcessor>();
        builder.AddMessaging(typeof(Program).Assembly);
    }
}
