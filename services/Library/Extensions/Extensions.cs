using AudioPlatform.Library.Model;
using AudioPlatform.Library.IntegrationEvents;
using AudioPlatform.Library.Outbox;
using AudioPlatform.Library.Reconciliation;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AudioPlatform.Library.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddDefaultAuthentication();
        builder.AddTrackRepository();
        builder.Services.AddSingleton<SimilaritySearch>();
        builder.Services.AddSingleton<SameRecordings>();
        builder.Services.AddSingleton<ReanalysisProgressReporter>();
        builder.AddMessaging(typeof(Program).Assembly);

        builder.Services.AddOptions<ReconcilerOptions>()
            .BindConfiguration(ReconcilerOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        if (builder.AddSharedStateStore())
        {
            builder.Services.AddSingleton<IReconcilerLease, RedisReconcilerLease>();
        }
        else
        {
            builder.Services.AddSingleton<IReconcilerLease, SingleProcessReconcilerLease>();
        }

        builder.Services.AddHostedService<StuckTrackReconciler>();

        builder.Services.AddOptions<OutboxOptions>()
            .BindConfiguration(OutboxOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHostedService<OutboxDispatcher>();
    }
}
