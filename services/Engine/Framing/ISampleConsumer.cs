namespace AudioPlatform.Engine.Framing;

/// <summary>Receives the mono analysis signal (FrameSettings.SampleRate) in arbitrary-sized chunks, in order.</summary>
public interface ISampleConsumer
{
    void Consume(ReadOnlySpan<float> samples);
}
