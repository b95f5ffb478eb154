namespace AudioPlatform.Cli.Server;

/// <summary>The commands that talk to a running AudioPlatform through its Gateway.</summary>
internal static class ServerCommands
{
    public static readonly string[] Names = ["login", "logout", "upload", "list", "export"];

    public static async Task<int> RunAsync(string command, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var config = ConfigDirectory.ForCurrentUser();
        var store = new CredentialStore(config);
        try
        {
            return command switch
            {
                "login" => await LoginCommand.LoginAsync(ServerArguments.ParseLogin(args), store, stdout, stderr, ct).ConfigureAwait(false),
                "logout" when args.Count == 0 => await LoginCommand.LogoutAsync(store, stdout, stderr, ct).ConfigureAwait(false),
                "logout" => throw new UsageException("logout takes no arguments."),
                "upload" => await UploadCommand.RunAsync(ServerArguments.ParseUpload(args), config, stdout, stderr, ct).ConfigureAwait(false),
                "list" => await LibraryCommands.ListAsync(ServerArguments.ParseList(args), store, stdout, stderr, ct).ConfigureAwait(false),
                "export" => await LibraryCommands.ExportAsync(ServerArguments.ParseExport(args), store, stdout, stderr, ct).ConfigureAwait(false),
                _ => throw new UsageException($"Unknown command '{command}'."),
            };
        }
        catch (UsageException e)
        {
            stderr.WriteLine(e.Message);
            stderr.WriteLine(CliApp.Usage);
            return ExitCodes.Usage;
        }
        catch (CliFailure e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return e.ExitCode;
        }
    }
}
