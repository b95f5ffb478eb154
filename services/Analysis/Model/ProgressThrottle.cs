using AudioPlatform.Engine;

namespace AudioPlatform.Analysis.Model;

/// <summary>
/// Which of the engine's progress reports become <c>AnalysisProgressed</c> events: the first, then one when the stage
/// changes or the percentage moves by <see cref="MinStep"/>, and never two within <see cref="MinInterval"/>. A 3-minute
/// track is analysed in under a second, where every 10 % and every stage made about thirteen events, each published,
/// routed by the broker and pushed by Notify, for steps no one sees; a slow analysis still moves every 10 %.
/// </summary>
public sealed class ProgressThrottle(TimeProvider time)
{
    public const double MinStep = 10;

    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(250);

    private AnalysisStage? _lastStage;
    private double _lastPercent;
    private long _lastAt;

    /// <summary>Whether this report is published; if so, it is the one the next is measured from.</summary>
    public bool ShouldPublish(AnalysisProgress value)
    {
        var now = time.GetTimestamp();
        if (_lastStage is not null
            && ((value.Stage == _lastStage && value.Percent - _lastPercent < MinStep) || time.GetElapsedTime(_lastAt, now) < MinInterval))
        {
            return false;
        }

        (_lastStage, _lastPercent, _lastAt) = (value.Stage, value.Percent, now);
        return true;
    }
}
