using AudioPlatform.Notify.Model;

namespace AudioPlatform.Notify.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DiagnosticPingLog>();
        builder.AddMessaging(typeof(Program).Assembly);
    }
}
