namespace AudioPlatform.Library.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddDefaultAuthentication();
        builder.AddTrackRepository();
        builder.AddMessaging(typeof(Program).Assembly);
    }
}
