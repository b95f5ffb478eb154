namespace AudioPlatform.Engine.Framing;

/// <summary>
/// The one analysis grid every frame-based feature shares, so the STFT is computed once per track.
/// </summary>
public static class FrameSettings
{
    public const int SampleRate = 22050;
    public const int FftSize = 2048;
    public const int HopSize = 512;
    public const int BinCount = FftSize / 2 + 1;

    public static double FrameRate => (double)SampleRate / HopSize;

    public static double BinFrequency(int bin) => (double)bin * SampleRate / FftSize;
}
