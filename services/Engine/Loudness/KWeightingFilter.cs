namespace AudioPlatform.Engine.Loudness;

/// <summary>
/// The BS.1770 K-weighting pre-filter (high shelf then RLB high pass) as two biquads, with coefficients
/// derived for any sample rate from the analogue prototype (the libebur128 derivation; identical to the
/// tabulated 48 kHz coefficients of BS.1770-4).
/// </summary>
internal readonly struct KWeightingCoefficients
{
    public readonly double B0, B1, B2, A1, A2; // stage 1: shelf
    public readonly double C1, C2;             // stage 2: high pass (numerator 1, -2, 1)

    public KWeightingCoefficients(int sampleRate)
    {
        const double f0 = 1681.974450955533;
        const double g = 3.999843853973347;
        const double q = 0.7071752369554196;
        var k = Math.Tan(Math.PI * f0 / sampleRate);
        var vh = Math.Pow(10.0, g / 20.0);
        var vb = Math.Pow(vh, 0.4996667741545416);
        var a0 = 1.0 + k / q + k * k;
        B0 = (vh + vb * k / q + k * k) / a0;
        B1 = 2.0 * (k * k - vh) / a0;
        B2 = (vh - vb * k / q + k * k) / a0;
        A1 = 2.0 * (k * k - 1.0) / a0;
        A2 = (1.0 - k / q + k * k) / a0;

        const double f1 = 38.13547087602444;
        const double q1 = 0.5003270373238773;
        k = Math.Tan(Math.PI * f1 / sampleRate);
        var d = 1.0 + k / q1 + k * k;
        C1 = 2.0 * (k * k - 1.0) / d;
        C2 = (1.0 - k / q1 + k * k) / d;
    }
}
