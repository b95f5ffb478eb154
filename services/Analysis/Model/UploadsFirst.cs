namespace AudioPlatform.Analysis.Model;

/// <summary>
/// Background work (a bulk re-analysis) waits here while this replica analyses anything a user is waiting for (an upload,
/// a one-track re-analysis). With background work taken one track at a time per replica, a new upload waits at most
/// for the one background analysis already running, never for a queue of them.
/// </summary>
public sealed class UploadsFirst
{
    private readonly Lock _lock = new();
    private int _urgent;
    private TaskCompletionSource _idle = CompletedSource();

    /// <summary>Marks urgent work as running until the answer is disposed.</summary>
    public IDisposable Urgent()
    {
        lock (_lock)
        {
            if (_urgent++ == 0)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        return new Release(this);
    }

    /// <summary>Completes once no urgent work runs (at once when none does), or after <paramref name="atMost"/> in any case.</summary>
    public async Task WhenIdleAsync(TimeSpan atMost, CancellationToken cancellationToken)
    {
        Task idle;
        lock (_lock)
        {
            idle = _idle.Task;
        }

        try
        {
            await idle.WaitAsync(atMost, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Waited long enough: background work must not starve.
        }
    }

    private void Done()
    {
        lock (_lock)
        {
            if (--_urgent == 0)
            {
                _idle.TrySetResult();
            }
        }
    }

    private static TaskCompletionSource CompletedSource()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
    }

    private sealed class Release(UploadsFirst owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Done();
            }
        }
    }
}
