using AudioPlatform.Classification;
using AudioPlatform.Engine;
using AudioPlatform.Analysis.Model;

namespace AudioPlatform.Analysis.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AnalysisOptions>()
            .BindConfiguration("Analysis")
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Analysis serves the blobs it derives, to their owner only.
        builder.AddDefaultAuthentication();
        builder.AddObjectStorage();
        builder.Services.AddSingleton(new AudioAnalyzer());
        // The committed models, loaded once when the first analysis needs them.
        builder.Services.AddSingleton(_ => new TrackAnnotator(TrackClassifier.Default));
        builder.Services.AddSingleton<TrackAnalyzer>();
        builder.Services.AddSingleton<UploadsFirst>();
        builder.AddMessaging(typeof(Program).Assembly);
    }
}
