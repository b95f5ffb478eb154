namespace AudioPlatform.Ingest.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddObjectStorage();
        builder.AddMessaging(typeof(Program).Assembly);
    }
}
