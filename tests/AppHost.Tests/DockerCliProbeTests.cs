namespace AudioPlatform.AppHost.Tests;

/// <summary>Runs the real probe against stand-in <c>docker</c> programs that behave like the real CLI's outcomes.</summary>
public sealed class DockerCliProbeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("docker-probe-").FullName;

    private string FakeDocker(string body)
    {
        var path = Path.Combine(_directory, $"docker-{Guid.NewGuid():N}");
        File.WriteAllText(path, $"#!/bin/sh\n{body}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    [Fact]
    public void An_engine_that_answers_is_available_with_its_version()
    {
        var status = new DockerCliProbe(FakeDocker("echo 28.2.2")).Probe();

        Assert.True(status.IsAvailable);
        Assert.Contains("28.2.2", status.Description);
    }

    [Fact]
    public void A_cli_without_an_engine_is_unavailable_with_the_cli_message()
    {
        var status = new DockerCliProbe(FakeDocker("echo 'Cannot connect to the Docker daemon' >&2; exit 1")).Probe();

        Assert.False(status.IsAvailable);
        Assert.Contains("Cannot connect to the Docker daemon", status.Description);
    }

    [Fact]
    public void A_missing_cli_is_unavailable()
    {
        var status = new DockerCliProbe(Path.Combine(_directory, "no-such-docker")).Probe();

        Assert.False(status.IsAvailable);
    }

    [Fact]
    public void A_cli_that_hangs_is_unavailable_instead_of_blocking_start_up()
    {
        var status = new DockerCliProbe(FakeDocker("sleep 30"), TimeSpan.FromMilliseconds(500)).Probe();

        Assert.False(status.IsAvailable);
        Assert.Contains("did not answer", status.Description);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
