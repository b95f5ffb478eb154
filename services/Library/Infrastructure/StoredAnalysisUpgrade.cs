using AudioPlatform.Library.Model;

namespace AudioPlatform.Library.Infrastructure;

/// <summary>
/// At start, rewrites the records stored before the typed read model (the analysis as one JSON string) as typed fields,
/// so lists and statistics find their fields. Reads upgrade such a record too, in memory, until this has run.
/// </summary>
public sealed class StoredAnalysisUpgrade(ITrackRepository tracks, ILogger<StoredAnalysisUpgrade> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var upgraded = await tracks.UpgradeStoredAnalysesAsync(cancellationToken);
        if (upgraded > 0)
        {
            logger.LogInformation("Rewrote {Count} stored analyses as typed fields", upgraded);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
