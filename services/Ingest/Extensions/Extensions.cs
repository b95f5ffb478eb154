using AudioPlatform.Ingest.Model;

namespace AudioPlatform.Ingest.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<UploadOptions>()
            .BindConfiguration("Upload")
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.AddDefaultAuthentication();
        builder.AddObjectStorage();
        builder.Services.AddScoped<UploadProcessor>();
        builder.AddMessaging(typeof(Program).Assembly);
    }
}
