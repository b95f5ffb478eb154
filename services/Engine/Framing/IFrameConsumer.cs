namespace AudioPlatform.Engine.Framing;

/// <summary>
/// Receives each STFT frame of the mono analysis signal as it is computed. Frames are not kept:
/// a consumer summarises what it needs, so memory stays bounded on a two-hour upload.
/// </summary>
public interface IFrameConsumer
{
    /// <param name="frameIndex">Zero-based frame number; its centre is at frameIndex * HopSize samples.</param>
    /// <param name="samples">The unwindowed time-domain frame (FftSize samples).</param>
    /// <param name="magnitudes">The magnitude spectrum of the Hann-windowed frame (BinCount values).</param>
    void Consume(int frameIndex, ReadOnlySpan<float> samples, ReadOnlySpan<float> magnitudes);
}
