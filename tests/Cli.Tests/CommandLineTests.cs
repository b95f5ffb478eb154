using System.Globalization;
using System.Text.Json;
using AudioPlatform.Cli;

namespace AudioPlatform.Cli.Tests;

/// <summary>The command line itself (System.CommandLine): help, completion, and errors that name what is wrong.</summary>
public sealed class CommandLineTests
{
    private static readonly string[] Commands = ["analyze", "login", "logout", "upload", "list", "export", "next", "set", "mix", "path"];

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await new CliCommandLine().RunAsync(args, stdout, stderr, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Help_lists_every_command()
    {
        var (exit, stdout, _) = await RunAsync("--help");

        Assert.Equal(0, exit);
        Assert.All(Commands, command => Assert.Matches($@"(?m)^\s+{command}\b", stdout));
    }

    [Theory]
    [InlineData("analyze", "--parallel")]
    [InlineData("login", "--server")]
    [InlineData("logout", "--help")]
    [InlineData("upload", "--no-wait")]
    [InlineData("list", "--bpm-min")]
    [InlineData("export", "--similar-to")]
    [InlineData("next", "--energy-boost")]
    [InlineData("set", "--shape")]
    [InlineData("mix", "--count")]
    [InlineData("path", "--steps")]
    public async Task Every_command_has_help_listing_its_options(string command, string option)
    {
        var (exit, stdout, _) = await RunAsync(command, "--help");

        Assert.Equal(0, exit);
        Assert.Matches($@"Usage:\s+\S+ {command}\b", stdout); // the program's name: audioplatform, or the test host here
        Assert.Contains(option, stdout);
    }

    [Fact]
    public async Task Help_as_a_word_shows_a_commands_help()
    {
        var (exit, stdout, _) = await RunAsync("help", "export");

        Assert.Equal(0, exit);
        Assert.Contains("--format", stdout);
    }

    [Theory]
    [InlineData("'--tempo'", "list", "--tempo", "120")]
    [InlineData("'--bogus'", "analyze", "--bogus", "a.wav")]
    [InlineData("'--fast'", "upload", "a.wav", "--fast")]
    [InlineData("'transmogrify'", "transmogrify")]
    public async Task An_unknown_option_or_command_is_named_with_exit_code_2(string named, params string[] args)
    {
        var (exit, stdout, stderr) = await RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Contains(named, stderr);
        Assert.Equal("", stdout);
    }

    [Theory]
    [InlineData("--bpm-min", "list", "--bpm-min")]
    [InlineData("--format", "export")]
    [InlineData("--format", "export", "--format")]
    [InlineData("'analyze'", "analyze", "--json")]
    public async Task A_missing_value_is_named_with_exit_code_2(string named, params string[] args)
    {
        var (exit, _, stderr) = await RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Contains(named, stderr);
    }

    [Theory]
    [InlineData("--page-size '101' is not a whole number from 1 to 100.", "list", "--page-size", "101")]
    [InlineData("--bpm-min 'fast' is not a number.", "list", "--bpm-min", "fast")]
    [InlineData("--bpm-min 'NaN' is not a number.", "list", "--bpm-min", "NaN")]
    [InlineData("--parallel '0' is not a whole number", "analyze", "--parallel", "0", "a.wav")]
    [InlineData("--similar-to 'x' is not a track id.", "export", "--format", "csv", "--similar-to", "x")]
    [InlineData("--genre is given twice.", "list", "--genre", "techno", "--genre", "house")]
    public async Task A_wrong_value_is_named_with_what_was_given(string message, params string[] args)
    {
        var (exit, _, stderr) = await RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Contains(message, stderr);
    }

    [Fact]
    public async Task No_command_is_a_usage_error_pointing_at_help()
    {
        var (exit, _, stderr) = await RunAsync();

        Assert.Equal(2, exit);
        Assert.Contains("audioplatform --help", stderr);
    }

    [Theory]
    [InlineData("list --ge", "--genre")]
    [InlineData("list --status an", "analyzed")]
    [InlineData("export --format m", "m3u")]
    [InlineData("ex", "export")]
    public async Task The_suggest_directive_completes_commands_options_and_values(string line, string completion)
    {
        var (exit, stdout, _) = await RunAsync($"[suggest:{line.Length}]", line);

        Assert.Equal(0, exit);
        Assert.Contains(completion, stdout.Split('\n', StringSplitOptions.TrimEntries));
    }

    [Fact]
    public void The_list_filters_are_the_library_apis_query_parameters()
    {
        var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "web", "openapi", "library.json")));
        var apiParameters = document.RootElement.GetProperty("paths").GetProperty("/api/v1/audio").GetProperty("get")
            .GetProperty("parameters").EnumerateArray()
            .Where(parameter => parameter.GetProperty("in").GetString() == "query")
            .Select(parameter => parameter.GetProperty("name").GetString()!);

        var list = new CliCommandLine().Root.Subcommands.Single(command => command.Name == "list");
        var cliParameters = list.Options.Select(option => option.Name)
            .Where(name => name is not ("--server" or "--all" or "--json" or "--help"))
            .Select(CamelCase);

        Assert.Equal(apiParameters.Order(StringComparer.Ordinal), cliParameters.Order(StringComparer.Ordinal));
    }

    private static string CamelCase(string option)
    {
        var words = option.TrimStart('-').Split('-');
        return words[0] + string.Concat(words[1..].Select(word => char.ToUpperInvariant(word[0]) + word[1..]));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AudioPlatform.sln")))
                return directory.FullName;
        }
        throw new DirectoryNotFoundException("AudioPlatform.sln not found above the test's folder.");
    }
}
