namespace AudioPlatform.AppHost.Tests;

public class InfrastructureModeSelectorTests
{
    private sealed class StubProbe(bool available) : IContainerRuntimeProbe
    {
        public int Calls { get; private set; }

        public ContainerRuntimeStatus Probe()
        {
            Calls++;
            return new(available, available ? "stub engine 1.0" : "stub: no engine");
        }
    }

    [Fact]
    public void Auto_picks_containers_when_a_runtime_answers()
    {
        var choice = InfrastructureModeSelector.Select(null, new StubProbe(available: true));

        Assert.Equal(InfrastructureMode.Containers, choice.Mode);
    }

    [Fact]
    public void Auto_picks_local_when_no_runtime_answers_and_says_why()
    {
        var choice = InfrastructureModeSelector.Select("auto", new StubProbe(available: false));

        Assert.Equal(InfrastructureMode.Local, choice.Mode);
        Assert.Contains("stub: no engine", choice.Reason);
    }

    [Fact]
    public void Forced_local_is_local_even_with_a_runtime_and_does_not_probe()
    {
        var probe = new StubProbe(available: true);

        var choice = InfrastructureModeSelector.Select("local", probe);

        Assert.Equal(InfrastructureMode.Local, choice.Mode);
        Assert.Equal(0, probe.Calls);
    }

    [Theory]
    [InlineData("containers")]
    [InlineData("Containers")]
    [InlineData(" CONTAINERS ")]
    public void Forced_containers_is_containers_when_a_runtime_answers(string mode)
    {
        var choice = InfrastructureModeSelector.Select(mode, new StubProbe(available: true));

        Assert.Equal(InfrastructureMode.Containers, choice.Mode);
    }

    [Fact]
    public void Forced_containers_without_a_runtime_is_refused_instead_of_hanging()
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => InfrastructureModeSelector.Select("containers", new StubProbe(available: false)));

        Assert.Contains("Infra:Mode=containers", error.Message);
        Assert.Contains("stub: no engine", error.Message);
    }

    [Theory]
    [InlineData("kubernetes")]
    [InlineData("2")]
    public void An_unknown_mode_is_refused_with_the_valid_choices(string mode)
    {
        var error = Assert.Throws<ArgumentException>(() => InfrastructureModeSelector.Select(mode, new StubProbe(available: true)));

        Assert.Contains("auto, containers or local", error.Message);
    }
}
