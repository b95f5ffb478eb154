namespace AudioPlatform.Cli.Server;

/// <summary>A command line that cannot be run as given; the message says what is wrong.</summary>
internal sealed class UsageException(string message) : Exception(message);

internal enum ExportFormat
{
    Csv,
    Json,
    M3u,
    Zip,
}

internal sealed record LoginArguments(string? Server);

internal sealed record UploadArguments(string? Server, IReadOnlyList<string> Inputs, bool Json, bool NoWait);

internal sealed record ListArguments(string? Server, TrackFilter Filter, int Page, int PageSize, bool All, bool Json);

internal sealed record DuplicatesArguments(string? Server, bool Json);

internal sealed record ExportArguments(
    string? Server, TrackFilter Filter, ExportFormat Format, Guid? SimilarTo, int Limit, string? Output, string? Playlist = null, int? LinkHours = null);

/// <summary>
/// The words after a server command read as its arguments, through the same command line the tool runs
/// (<see cref="CliCommandLine"/>); every mistake is a <see cref="UsageException"/> with the parser's message.
/// </summary>
internal static class ServerArguments
{
    public const int MaxPageSize = 100;

    public static LoginArguments ParseLogin(IReadOnlyList<string> args) => Parse<LoginArguments>("login", args);

    public static UploadArguments ParseUpload(IReadOnlyList<string> args) => Parse<UploadArguments>("upload", args);

    public static ListArguments ParseList(IReadOnlyList<string> args) => Parse<ListArguments>("list", args);

    public static DuplicatesArguments ParseDuplicates(IReadOnlyList<string> args) => Parse<DuplicatesArguments>("duplicates", args);

    public static ExportArguments ParseExport(IReadOnlyList<string> args) => Parse<ExportArguments>("export", args);

    public static ReanalyzeArguments ParseReanalyze(IReadOnlyList<string> args) => Parse<ReanalyzeArguments>("reanalyze", args);

    /// <summary><c>playlists</c> and its subcommands: <paramref name="args"/> are the words after <c>playlists</c>.</summary>
    public static object ParsePlaylists(IReadOnlyList<string> args) => Parse<object>("playlists", args);

    public static NextArguments ParseNext(IReadOnlyList<string> args) => Parse<NextArguments>("next", args);

    public static SetArguments ParseSet(IReadOnlyList<string> args) => Parse<SetArguments>("set", args);

    public static MixArguments ParseMix(IReadOnlyList<string> args) => Parse<MixArguments>("mix", args);

    public static PathArguments ParsePath(IReadOnlyList<string> args) => Parse<PathArguments>("path", args);

    public static CorrectArguments ParseCorrect(IReadOnlyList<string> args) => Parse<CorrectArguments>("correct", args);

    private static T Parse<T>(string command, IReadOnlyList<string> args)
    {
        var commandLine = new CliCommandLine();
        var parsed = commandLine.Parse([command, .. args]);
        if (parsed.Errors.Count > 0)
            throw new UsageException(parsed.Errors[0].Message);
        return (T)commandLine.ArgumentsOf(parsed);
    }
}
