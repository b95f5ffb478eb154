using System.Globalization;
using AudioPlatform.Training;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

TrainingOptions options;
try
{
    options = TrainingOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine("usage: audioplatform-training [--out <model folder>] [--data <cache folder>] [--train-per-genre 40] [--test-per-genre 10]");
    Console.Error.WriteLine("                              [--seconds 12] [--seed 1] [--parallelism 3] [--no-real] [--real-training] [--prepare-only] [--calibrate-only] [--evaluate-only]");
    Console.Error.WriteLine("                              [--validate] [--train-soundfonts a.sf2,b.sf2] [--leaves 12] [--augmented-copies 4] [--learning-rate 0.05] [--iterations 300]");
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = !cancel.IsCancellationRequested;
    cancel.Cancel();
};
return await TrainingPipeline.RunAsync(options, Console.Out, cancel.Token) ? 0 : 1;
