namespace AudioPlatform.Engine.Decoding;

/// <summary>
/// Decoded audio at its native rate and channel count, read in bounded chunks of interleaved float samples.
/// </summary>
public interface IPcmSource : IDisposable
{
    int SampleRate { get; }
    int Channels { get; }

    /// <summary>Which decoder produced the samples ("ffmpeg", "naudio", "nlayer", "nvorbis").</summary>
    string Decoder { get; }

    /// <summary>
    /// Fills <paramref name="interleaved"/> with whole sample frames (its length should be a multiple of
    /// <see cref="Channels"/>). Returns the number of floats written; 0 at the end.
    /// </summary>
    /// <exception cref="AudioDecodeException">The data is corrupt, truncated, or the time limit was reached.</exception>
    int Read(Span<float> interleaved);
}
