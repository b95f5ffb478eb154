namespace AudioPlatform.Engine;

/// <summary>
/// A fixed-length float vector summarising one analysis for models (similarity, classification).
/// The layout is versioned: a model trained on one <see cref="SchemaVersion"/> must refuse another.
/// Values are raw (not standardised); key is one-hot over 24 classes (C major … B major, C minor … B minor).
/// </summary>
public static class FeatureVector
{
    /// <summary>2: band energy shares and contrast, onset positions within the beat, backbeat and periodicity added.</summary>
    public const int SchemaVersion = 2;

    /// <summary>The name of each position, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = BuildNames();

    public static int Length => Names.Count;

    private static string[] BuildNames()
    {
        var names = new List<string>
        {
            "durationSeconds", "tempoBpm", "tempoConfidence", "timeSignatureNumerator", "timeSignatureIsCompound",
            "onsetRate", "keyConfidence", "keyIsMajor",
            "loudnessLufs", "loudnessRangeLu", "truePeakDbtp", "rmsDbfs",
            "energy", "danceability", "valence",
            "spectralCentroidHz", "spectralCentroidStdHz", "spectralRolloffHz", "spectralRolloffStdHz",
            "spectralFlatness", "spectralFlatnessStd", "zeroCrossingRate", "zeroCrossingRateStd",
        };
        for (var i = 0; i < 13; i++) names.Add($"mfccMean{i}");
        for (var i = 0; i < 13; i++) names.Add($"mfccStd{i}");
        for (var i = 0; i < 12; i++) names.Add($"chromaMean{i}");
        for (var i = 0; i < 12; i++) names.Add($"chromaStd{i}");
        for (var i = 0; i < 24; i++) names.Add($"key{i}");
        for (var i = 0; i < Spectral.BandEnergyFeatures.Bands; i++) names.Add($"bandShareMean{i}");
        for (var i = 0; i < Spectral.BandEnergyFeatures.Bands; i++) names.Add($"bandShareStd{i}");
        for (var i = 0; i < Spectral.BandEnergyFeatures.Bands; i++) names.Add($"bandContrast{i}");
        foreach (var band in new[] { "Low", "Mid", "High" })
            foreach (var fraction in new[] { "0", "1q", "1t", "2q", "2t", "3q" })
                names.Add($"onsetAt{band}{fraction}");
        names.Add("backbeatLow");
        names.Add("backbeatMid");
        foreach (var beats in new[] { "Half", "1", "2", "4" })
            names.Add($"onsetPeriodicity{beats}");
        return [.. names];
    }

    /// <param name="keyIndex">0–11 major tonics C…B, 12–23 minor tonics C…B; -1 when unknown.</param>
    public static float[] Build(AudioAnalysis a, int keyIndex, int timeSignatureNumerator, bool compoundMeter)
    {
        var v = new List<float>(Length)
        {
            (float)a.DurationSeconds, (float)(a.TempoBpm ?? 0), (float)a.PulseClarity, timeSignatureNumerator, compoundMeter ? 1 : 0,
            (float)a.OnsetRate, (float)a.KeyConfidence, a.KeyMode == "major" ? 1 : 0,
            (float)a.LoudnessLufs, (float)a.LoudnessRangeLu, (float)a.TruePeakDbtp, (float)a.RmsDbfs,
            (float)a.Energy, (float)a.Danceability, (float)a.Valence,
            (float)a.SpectralCentroidHz, (float)a.SpectralCentroidStdHz, (float)a.SpectralRolloffHz, (float)a.SpectralRolloffStdHz,
            (float)a.SpectralFlatness, (float)a.SpectralFlatnessStd, (float)a.ZeroCrossingRate, (float)a.ZeroCrossingRateStd,
        };
        Append(v, a.MfccMean, 13);
        Append(v, a.MfccStd, 13);
        Append(v, a.ChromaMean, 12);
        Append(v, a.ChromaStd, 12);
        for (var i = 0; i < 24; i++)
            v.Add(i == keyIndex ? 1 : 0);
        Append(v, a.BandShareMeanDb, Spectral.BandEnergyFeatures.Bands);
        Append(v, a.BandShareStdDb, Spectral.BandEnergyFeatures.Bands);
        Append(v, a.BandContrastDb, Spectral.BandEnergyFeatures.Bands);
        Append(v, a.RhythmPattern.Positions, Rhythm.RhythmPattern.BandCount * Rhythm.RhythmPattern.BeatFractions.Length);
        Append(v, a.RhythmPattern.Backbeat, 2);
        Append(v, a.RhythmPattern.Periodicity, Rhythm.RhythmPattern.PeriodicityBeats.Length);
        if (v.Count != Length)
            throw new InvalidOperationException($"Feature vector has {v.Count} values, schema {SchemaVersion} expects {Length}.");
        return [.. v];
    }

    private static void Append(List<float> v, IReadOnlyList<double> values, int count)
    {
        for (var i = 0; i < count; i++)
            v.Add(i < values.Count ? (float)values[i] : 0);
    }
}
