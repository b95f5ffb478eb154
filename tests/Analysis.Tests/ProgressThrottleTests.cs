using AudioPlatform.Analysis.Model;
using AudioPlatform.Engine;
using Microsoft.Extensions.Time.Testing;

namespace AudioPlatform.Analysis.Tests;

/// <summary>A fast analysis makes a few progress events, a slow one still moves every 10 %.</summary>
public sealed class ProgressThrottleTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void The_first_report_is_published_and_then_nothing_within_a_quarter_second_even_a_new_stage()
    {
        var throttle = new ProgressThrottle(_clock);

        Assert.True(throttle.ShouldPublish(new AnalysisProgress(AnalysisStage.Decoding, 0)));
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.False(throttle.ShouldPublish(new AnalysisProgress(AnalysisStage.Decoding, 40)));
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.False(throttle.ShouldPublish(new AnalysisProgress(AnalysisStage.Features, 85)));
        _clock.Advance(TimeSpan.FromMilliseconds(60));
        Assert.True(throttle.ShouldPublish(new AnalysisProgress(AnalysisStage.Rhythm, 90)));
    }

    [Fact]
    public void A_slow_analysis_publishes_every_ten_percent_and_every_new_stage_but_not_smaller_steps()
    {
        var throttle = new ProgressThrottle(_clock);
        var published = new List<double>();

        for (var percent = 0; percent <= 80; percent += 2)
        {
            if (throttle.ShouldPublish(new AnalysisProgress(AnalysisStage.Decoding, percent))) published.Add(percent);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }
        var newStage = throttle.ShouldPublish(new AnalysisProgress(AnalysisStage.Features, 81));

        Assert.Equal([0, 10, 20, 30, 40, 50, 60, 70, 80], published);
        Assert.True(newStage);
    }
}
