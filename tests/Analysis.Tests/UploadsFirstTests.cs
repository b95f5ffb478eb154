using AudioPlatform.Analysis.Model;

namespace AudioPlatform.Analysis.Tests;

/// <summary>Background work (a bulk re-analysis) starts only while no upload is analysed, but never waits for ever.</summary>
public sealed class UploadsFirstTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task With_no_upload_running_background_work_starts_at_once()
    {
        var priority = new UploadsFirst();

        var waiting = priority.WhenIdleAsync(Long, CancellationToken.None);

        Assert.True(waiting.IsCompletedSuccessfully);
        await waiting;
    }

    [Fact]
    public async Task Background_work_waits_until_the_last_of_the_running_uploads_is_done()
    {
        var priority = new UploadsFirst();
        var first = priority.Urgent();
        var second = priority.Urgent();

        var waiting = priority.WhenIdleAsync(Long, CancellationToken.None);
        first.Dispose();
        first.Dispose(); // twice counts once
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted, "one upload is still being analysed");

        second.Dispose();
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        // Idle again: the next background track starts at once, and a new upload makes the one after it wait again.
        Assert.True(priority.WhenIdleAsync(Long, CancellationToken.None).IsCompletedSuccessfully);
        using (priority.Urgent())
        {
            Assert.False(priority.WhenIdleAsync(Long, CancellationToken.None).IsCompleted);
        }
    }

    [Fact]
    public async Task Under_uploads_without_a_pause_background_work_still_starts_after_the_longest_wait()
    {
        var priority = new UploadsFirst();
        using var endless = priority.Urgent();

        await priority.WhenIdleAsync(TimeSpan.FromMilliseconds(100), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Stopping_the_service_ends_the_wait()
    {
        var priority = new UploadsFirst();
        using var upload = priority.Urgent();
        using var stopping = new CancellationTokenSource();

        var waiting = priority.WhenIdleAsync(Long, stopping.Token);
        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
