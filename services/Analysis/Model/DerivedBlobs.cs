namespace AudioPlatform.Analysis.Model;

/// <summary>
/// The blobs the analysis derives from a track, stored under <see cref="Storage.ObjectKey.DerivedPrefix"/>. Analysis is
/// their one owner: it writes them (<see cref="TrackAnalyzer"/>), serves them (<c>Apis/DerivedApi.cs</c>) and removes
/// them (<c>DeleteDerivedOnTrackDeleted</c>).
/// </summary>
public static class DerivedBlobs
{
    public const string Waveform = "waveform.json";
    public const string Spectrogram = "spectrogram.png";
}
