using AudioPlatform.Engine.Decoding;
using AudioPlatform.Engine.Display;

namespace AudioPlatform.Engine;

/// <summary>
/// Everything the engine measures for one track. Units and definitions of every field: FEATURES.md next to this file.
/// Levels are finite: silence reports -70 LUFS and -120 dB floors rather than negative infinity.
/// </summary>
public sealed record AudioAnalysis
{
    /// <summary>The file name (or the name given for a stream).</summary>
    public required string Source { get; init; }
    public required AudioProbeInfo Probe { get; init; }
    /// <summary>Which decoder produced the samples: ffmpeg, naudio-wav, naudio-aiff, nlayer or nvorbis.</summary>
    public required string Decoder { get; init; }

    /// <summary>Decoded duration in seconds (sample frames ÷ native sample rate).</summary>
    public required double DurationSeconds { get; init; }

    // Rhythm
    /// <summary>Tempo in BPM, the metrical level a listener would tap; null when the audio has no beat (<see cref="TempoMissingReason"/>).</summary>
    public required double? TempoBpm { get; init; }
    /// <summary>0..1: the probability that <see cref="TempoBpm"/> is the level listeners tap rather than another (half, double…).</summary>
    public required double TempoConfidence { get; init; }
    /// <summary>The next most likely level (usually half or double <see cref="TempoBpm"/>), null without a tempo.</summary>
    public required double? TempoAlternativeBpm { get; init; }
    /// <summary>0..1: the probability of <see cref="TempoAlternativeBpm"/>.</summary>
    public required double TempoAlternativeConfidence { get; init; }
    /// <summary>True when the alternative is nearly as likely: offer both (e.g. "120 or 240 BPM").</summary>
    public required bool TempoAmbiguous { get; init; }
    /// <summary>Why there is no tempo (silence, no steady pulse, too short); null when there is one.</summary>
    public required string? TempoMissingReason { get; init; }
    /// <summary>0..1: how strongly the onsets repeat at the beat period (pulse clarity).</summary>
    public required double PulseClarity { get; init; }
    /// <summary>Every metrical level weighed, most likely first, each with its probability.</summary>
    public required IReadOnlyList<Rhythm.TempoCandidate> TempoCandidates { get; init; }
    /// <summary>Beat positions in seconds from the start.</summary>
    public required IReadOnlyList<double> BeatTimes { get; init; }
    /// <summary>E.g. "4/4", "3/4", "6/8".</summary>
    public required string TimeSignature { get; init; }
    public required double TimeSignatureConfidence { get; init; }
    /// <summary>Onsets per second.</summary>
    public required double OnsetRate { get; init; }

    // Tonal
    /// <summary>E.g. "A minor"; null when the audio has no key (<see cref="KeyMissingReason"/>).</summary>
    public required string? Key { get; init; }
    /// <summary>"major" or "minor"; null without a key.</summary>
    public required string? KeyMode { get; init; }
    /// <summary>0..1: the key's share of a softmax over the 24 key scores.</summary>
    public required double KeyConfidence { get; init; }
    /// <summary>The second most likely key, e.g. "C major"; null without a key.</summary>
    public required string? KeyRunnerUp { get; init; }
    /// <summary>0..1: the runner-up's share of the same softmax.</summary>
    public required double KeyRunnerUpConfidence { get; init; }
    /// <summary>Camelot wheel notation, e.g. "8A"; null without a key.</summary>
    public required string? Camelot { get; init; }
    /// <summary>Why there is no key (silence, a single pitch, no tonal centre); null when there is one.</summary>
    public required string? KeyMissingReason { get; init; }
    /// <summary>The tuned pitch-class profile the key was matched on, C first (for evaluating key profiles, not stored).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<double> KeyPitchProfile { get; init; } = [];
    /// <summary>The same for peaks below 250 Hz (the bass line).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<double> KeyBassProfile { get; init; } = [];

    // Loudness (original channels, native rate)
    public required double LoudnessLufs { get; init; }
    public required double LoudnessRangeLu { get; init; }
    public required double TruePeakDbtp { get; init; }
    public required double SamplePeakDbfs { get; init; }
    public required double RmsDbfs { get; init; }

    // Perceptual descriptors, 0..1 (heuristics; see FEATURES.md)
    public required double Energy { get; init; }
    public required double Danceability { get; init; }
    public required double Valence { get; init; }

    // Spectral and timbre (means and standard deviations over non-silent frames)
    public required double SpectralCentroidHz { get; init; }
    public required double SpectralCentroidStdHz { get; init; }
    public required double SpectralRolloffHz { get; init; }
    public required double SpectralRolloffStdHz { get; init; }
    public required double SpectralFlatness { get; init; }
    public required double SpectralFlatnessStd { get; init; }
    public required double ZeroCrossingRate { get; init; }
    public required double ZeroCrossingRateStd { get; init; }
    /// <summary>13 MFCC means (coefficient 0 first).</summary>
    public required IReadOnlyList<double> MfccMean { get; init; }
    public required IReadOnlyList<double> MfccStd { get; init; }
    /// <summary>12 chroma means, C first.</summary>
    public required IReadOnlyList<double> ChromaMean { get; init; }
    public required IReadOnlyList<double> ChromaStd { get; init; }
    /// <summary>6 bands (40 Hz–11 kHz, <see cref="Spectral.BandEnergyFeatures"/>): mean and std of each band's share of the frame's power, in dB.</summary>
    public required IReadOnlyList<double> BandShareMeanDb { get; init; }
    public required IReadOnlyList<double> BandShareStdDb { get; init; }
    /// <summary>6 bands: mean peak-over-mean power in dB (tonal partials high, noise low).</summary>
    public required IReadOnlyList<double> BandContrastDb { get; init; }
    /// <summary>Where the onsets fall within the beat, per band; backbeat and periodicity at beat multiples.</summary>
    public required Rhythm.RhythmPattern RhythmPattern { get; init; }

    // Display
    public required WaveformPeaks Waveform { get; init; }
    /// <summary>Mel spectrogram PNG; empty when disabled in <see cref="AnalyzerOptions"/>.</summary>
    public required byte[] SpectrogramPng { get; init; }

    /// <summary>Fixed-length numeric summary for models (<see cref="Engine.FeatureVector"/>).</summary>
    public required float[] FeatureVector { get; init; }

    public required StageTimings Timings { get; init; }
}
