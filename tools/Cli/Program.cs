using AudioPlatform.Cli;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C stops the analyses (and their ffmpeg processes) cleanly; a second one ends the process.
    e.Cancel = !cancel.IsCancellationRequested;
    cancel.Cancel();
};
try
{
    return await new CliCommandLine().RunAsync(args, Console.Out, Console.Error, cancel.Token);
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine();
    Console.Error.WriteLine("Cancelled.");
    return 130;
}
