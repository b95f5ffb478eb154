using AudioPlatform.Engine.Framing;

namespace AudioPlatform.Engine.Tonal;

/// <summary>
/// A spectral peak's magnitude relative to the spectrum's local envelope, after Röbel and Rodet (2005) as essentia's
/// SpectralWhitening applies it before its HPCP: a peak at the envelope counts 1 however loud the band, one 30 dB or
/// more below it nothing, and every 4 kHz costs 20 dB more (partials far up count less than the notes). So a loud bass
/// or kick does not outweigh the chords and melody, and a bright timbre does not move the profile.
/// </summary>
internal sealed class SpectralWhitening(double maxHz)
{
    private const double GridHz = 100;
    private const double BelowEnvelopeFloorDb = 30;
    private const double TiltDbPer4kHz = 20;

    private static double BinHz => (double)FrameSettings.SampleRate / FrameSettings.FftSize;

    // The envelope is estimated a little beyond the highest peak counted, as essentia does (×1.2).
    private readonly double[] _envelopeDb = new double[(int)(Math.Min(1.2 * maxHz, FrameSettings.SampleRate / 2.0) / GridHz) + 1];

    /// <summary>The envelope of this frame's magnitude spectrum: an energy-weighted mean of the energy around each 100 Hz step.</summary>
    public void Estimate(ReadOnlySpan<float> magnitudes)
    {
        var last = magnitudes.Length - 1;
        for (var p = 0; p < _envelopeDb.Length; p++)
        {
            var hz = p * GridHz;
            var first = Math.Clamp((int)((hz - Math.Max(50, 0.34 * hz)) / BinHz + 0.5), 0, last);
            var end = Math.Clamp((int)((hz + Math.Max(50, 0.58 * hz)) / BinHz + 0.5), first + 1, last + 1);
            var centre = (first + end) / 2.0;
            var half = end - centre;
            double sum = 0, weights = 0;
            for (var k = first; k < end; k++)
            {
                var w = 1 - Math.Abs(k - centre) / half;
                w *= w;
                w *= w;
                var energy = (double)magnitudes[k] * magnitudes[k];
                w *= energy;
                sum += energy * w;
                weights += w;
            }
            _envelopeDb[p] = 10 * Math.Log10((weights > 0 ? sum / weights : 0) + 1e-20);
        }
        if (_envelopeDb.Length > 1) _envelopeDb[^1] = _envelopeDb[^2];
    }

    /// <summary>The peak's whitened magnitude (linear, at most 1, tilted down with frequency).</summary>
    public double Whiten(double frequency, float magnitude)
    {
        var position = Math.Min(frequency / GridHz, _envelopeDb.Length - 1.000001);
        var lower = (int)position;
        var envelope = _envelopeDb[lower] + (position - lower) * (_envelopeDb[Math.Min(lower + 1, _envelopeDb.Length - 1)] - _envelopeDb[lower]);
        var db = 20 * Math.Log10(magnitude + 1e-20) - envelope;
        if (db > 0) db = 0;
        else if (db < -BelowEnvelopeFloorDb) return 0;
        db -= TiltDbPer4kHz * frequency / 4000;
        return Math.Pow(10, db / 20);
    }
}
