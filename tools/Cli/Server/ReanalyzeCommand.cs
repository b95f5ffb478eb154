using System.Text.Json;

namespace AudioPlatform.Cli.Server;

internal sealed record ReanalyzeArguments(string? Server, TrackFilter Filter, bool NoWait);

/// <summary>
/// <c>audioplatform reanalyze</c>: the whole library (or the filter's tracks) analysed again in the background, with the
/// progress on stderr until it has finished (<c>--no-wait</c> returns at once).
/// </summary>
internal static class ReanalyzeCommand
{
    /// <summary>How often the progress is asked for: a batch takes minutes to hours.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(ReanalyzeArguments arguments, CredentialStore store, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        using var api = PlatformApi.Connect(arguments.Server, store);
        // The list's query string; the page and sort in it mean nothing to this endpoint, which takes only the filter.
        var progress = (await api.SendJsonAsync(HttpMethod.Post, $"api/v1/library/reanalysis{arguments.Filter.ToQueryString(1, 1)}", null, ct)
            .ConfigureAwait(false))!.Value;
        stderr.WriteLine($"Analysing {Count(progress, "total")} tracks again in the background (new uploads go first).");
        if (arguments.NoWait)
        {
            stdout.WriteLine(progress.GetProperty("batchId").GetGuid());
            return ExitCodes.Ok;
        }

        var shown = -1;
        while (!progress.GetProperty("finished").GetBoolean())
        {
            if (Count(progress, "done") != shown)
            {
                shown = Count(progress, "done");
                stderr.WriteLine(Describe(progress));
            }

            await Task.Delay(PollInterval, ct).ConfigureAwait(false);
            progress = await api.GetJsonAsync("api/v1/library/reanalysis", ct).ConfigureAwait(false);
        }

        stdout.WriteLine(Describe(progress));
        return Count(progress, "failed") > 0 ? ExitCodes.SomeFailed : ExitCodes.Ok;
    }

    internal static string Describe(JsonElement progress) =>
        $"{Count(progress, "done")} of {Count(progress, "total")} analysed again" + (Count(progress, "failed") is > 0 and var failed
            ? $", {failed} failed (audioplatform list --status failed shows why)"
            : "");

    private static int Count(JsonElement progress, string name) => progress.GetProperty(name).GetInt32();
}
