using AudioPlatform.Engine.Tonal;
using AudioPlatform.GroundTruth.Midi;

namespace AudioPlatform.GroundTruth.Composition;

/// <summary>
/// Writes a <see cref="PieceSpec"/> as a format-1 MIDI file: a conductor track (tempo, time and key signature) and
/// bass, chords, melody and drums. Optional intro bars have drums and bass only; the last bar holds the tonic chord.
/// Timing and velocity are humanised slightly (±6 ms, ±8 velocity), deterministically from the seed.
/// </summary>
public static class PieceComposer
{
    public const int TicksPerQuarter = 480;
    private const int Eighth = TicksPerQuarter / 2;
    private const int BassChannel = 0, ChordChannel = 1, MelodyChannel = 2, DrumChannel = 9;
    private const int Crash = 49;
    private static readonly int[] MajorScale = [0, 2, 4, 5, 7, 9, 11];
    private static readonly int[] MinorScale = [0, 2, 3, 5, 7, 8, 10];

    public static MidiFile Compose(PieceSpec spec)
    {
        var random = new Random(unchecked(spec.Seed * 7919 + 17));
        var meter = spec.Meter;
        var quarterBpm = meter.QuarterNotesPerMinute(spec.Bpm);
        var ticksPerSecond = TicksPerQuarter * quarterBpm / 60;
        var jitter = (int)Math.Round(0.006 * ticksPerSecond);
        var barTicks = meter.EighthsPerBar * Eighth;

        var midi = new MidiFile(TicksPerQuarter);
        var conductor = midi.AddTrack();
        conductor.Add(MidiEvent.TrackName(0, $"{spec.Id} {spec.Bpm} BPM {spec.Key.Name} {meter}"));
        conductor.Add(MidiEvent.Tempo(0, quarterBpm));
        conductor.Add(MidiEvent.TimeSignature(0, meter.Numerator, meter.Denominator, 12 * meter.EighthsPerBeat));
        conductor.Add(MidiEvent.KeySignature(0, KeySignatureSharps(spec.Key), spec.Key.Mode == KeyMode.Minor));

        var bass = Part(midi, "bass", BassChannel, spec.Instruments.Bass);
        var chords = Part(midi, "chords", ChordChannel, spec.Instruments.Chords);
        var melody = Part(midi, "melody", MelodyChannel, spec.Instruments.Melody);
        var drums = midi.AddTrack();
        drums.Add(MidiEvent.TrackName(0, "drums"));

        long Humanise(long tick) => Math.Max(0, tick + (jitter > 0 ? random.Next(-jitter, jitter + 1) : 0));
        int Velocity(int velocity) => Math.Clamp(velocity + random.Next(-8, 9), 20, 127);
        long StepTick(long barStart, int step)
        {
            var tick = barStart + (long)step * Eighth;
            // Swing delays the off-beat eighth of a two-eighth beat.
            if (spec.Swing > 0 && meter.EighthsPerBeat == 2 && step % 2 == 1) tick += (long)(spec.Swing * Eighth);
            return tick;
        }
        void Note(List<MidiEvent> track, int channel, long start, long length, int pitch, int velocity)
        {
            var on = Humanise(start);
            track.Add(MidiEvent.NoteOn(on, channel, pitch, Velocity(velocity)));
            track.Add(MidiEvent.NoteOff(Math.Max(on + 1, start + length - Eighth / 8), channel, pitch));
        }

        var scale = spec.Key.Mode == KeyMode.Major ? MajorScale : MinorScale;
        int[]? voicing = null;
        var melodyPitch = 72 + spec.Key.Tonic % 12 - (spec.Key.Tonic > 6 ? 12 : 0);
        var total = spec.TotalBars;
        for (var bar = 0; bar < total; bar++)
        {
            var barStart = (long)bar * barTicks;
            var isIntro = bar < spec.IntroBars;
            var isLast = bar == total - 1;
            var bodyBar = bar - spec.IntroBars;
            var chord = isLast || isIntro ? spec.Progression[0] : spec.Progression[bodyBar % spec.Progression.Count];
            var rootPitch = 36 + (spec.Key.Tonic + chord.Root) % 12;

            // Drums
            if (isLast)
            {
                drums.Add(MidiEvent.NoteOn(barStart, DrumChannel, GenericStyle.Kick, 110));
                drums.Add(MidiEvent.NoteOn(barStart, DrumChannel, Crash, 110));
                drums.Add(MidiEvent.NoteOff(barStart + Eighth, DrumChannel, GenericStyle.Kick));
                drums.Add(MidiEvent.NoteOff(barStart + Eighth, DrumChannel, Crash));
            }
            else
            {
                var phraseStart = !isIntro && bodyBar % 4 == 0;
                foreach (var hit in spec.Drums.Hits)
                {
                    var note = phraseStart && hit.Step == 0 && IsCymbal(hit.Note) ? Crash : hit.Note;
                    var accent = hit.Step == 0 ? 6 : 0;
                    Note(drums, DrumChannel, StepTick(barStart, hit.Step), Eighth, note, hit.Velocity + accent);
                }
            }

            // Bass
            var bassNotes = isLast ? [new BassNote(0, 0, 100)] : spec.Bass.Notes;
            for (var n = 0; n < bassNotes.Count; n++)
            {
                var next = n + 1 < bassNotes.Count ? bassNotes[n + 1].Step : meter.EighthsPerBar;
                Note(bass, BassChannel, StepTick(barStart, bassNotes[n].Step), (next - bassNotes[n].Step) * (long)Eighth,
                    rootPitch + bassNotes[n].Interval, bassNotes[n].Velocity);
            }
            if (isIntro) continue;

            // Chords
            voicing = Voice(spec.Key.Tonic + chord.Root, chord.Intervals, voicing);
            var compSteps = isLast ? [0] : spec.Comp.Steps;
            var compLength = isLast ? meter.EighthsPerBar : spec.Comp.LengthInEighths;
            foreach (var step in compSteps)
                foreach (var pitch in voicing)
                    Note(chords, ChordChannel, StepTick(barStart, step), (long)compLength * Eighth, pitch, step == 0 ? 80 : 70);

            // Melody
            if (isLast)
            {
                var tonic = Voicing.Nearest(melodyPitch, p => p % 12 == spec.Key.Tonic % 12);
                Note(melody, MelodyChannel, barStart, barTicks, tonic, 90);
                continue;
            }
            var chordTones = chord.Intervals.Select(i => (spec.Key.Tonic + chord.Root + i) % 12).ToArray();
            // Over V in minor the leading tone is raised (harmonic minor).
            var barScale = scale.Select(d => (spec.Key.Tonic + (spec.Key.Mode == KeyMode.Minor && chord.Numeral == "V" && d == 10 ? 11 : d)) % 12).ToArray();
            var step0 = 0;
            while (step0 < meter.EighthsPerBar)
            {
                var length = MelodyLength(random, meter, step0, spec.MelodyDensity);
                var onBeat = step0 % meter.EighthsPerBeat == 0;
                if (step0 > 0 && random.NextDouble() < (1 - spec.MelodyDensity) * 0.5)
                {
                    step0 += length;
                    continue;
                }
                if (onBeat)
                {
                    var candidates = Enumerable.Range(60, 26).Where(p => chordTones.Contains(p % 12)).OrderBy(p => Math.Abs(p - melodyPitch)).Take(3).ToArray();
                    melodyPitch = candidates[random.Next(Math.Min(2, candidates.Length))];
                }
                else
                {
                    var inScale = Enumerable.Range(60, 26).Where(p => barScale.Contains(p % 12)).ToArray();
                    var index = Array.IndexOf(inScale, Voicing.Nearest(melodyPitch, p => barScale.Contains(p % 12)));
                    index = Math.Clamp(index + (random.Next(2) == 0 ? -1 : 1), 0, inScale.Length - 1);
                    melodyPitch = inScale[index];
                }
                Note(melody, MelodyChannel, StepTick(barStart, step0), (long)length * Eighth, melodyPitch, onBeat ? 95 : 82);
                step0 += length;
            }
        }

        // Let the last notes ring before the file ends, so the renderer does not cut them.
        var end = (long)total * barTicks + TicksPerQuarter;
        conductor.Add(MidiEvent.Meta(end, 0x01, (byte)'e', (byte)'n', (byte)'d'));
        return midi;
    }

    private static List<MidiEvent> Part(MidiFile midi, string name, int channel, int program)
    {
        var track = midi.AddTrack();
        track.Add(MidiEvent.TrackName(0, name));
        track.Add(MidiEvent.ProgramChange(0, channel, program));
        track.Add(MidiEvent.Controller(0, channel, 7, 100));
        return track;
    }

    private static bool IsCymbal(int note) => note is GenericStyle.ClosedHat or GenericStyle.OpenHat or GenericStyle.PedalHat or GenericStyle.Ride;

    /// <summary>Melody note lengths in eighths: mostly beats and eighths, never crossing the bar.</summary>
    private static int MelodyLength(Random random, Meter meter, int step, double density)
    {
        var remaining = meter.EighthsPerBar - step;
        int length;
        var r = random.NextDouble();
        if (r < density * 0.6) length = 1;
        else if (r < 0.85) length = meter.EighthsPerBeat;
        else length = meter.EighthsPerBeat * 2;
        // Keep notes after an off-beat start short so the next beat is struck.
        if (step % meter.EighthsPerBeat != 0) length = meter.EighthsPerBeat - step % meter.EighthsPerBeat;
        return Math.Clamp(length, 1, remaining);
    }

    /// <summary>A close-position triad around middle C, in the inversion nearest the previous chord.</summary>
    private static int[] Voice(int rootPitchClass, int[] intervals, int[]? previous) =>
        Voicing.Voice(48 + ((rootPitchClass % 12) + 12) % 12, intervals, previous, highest: 76);

    /// <summary>Sharps (positive) or flats (negative) of the key signature, as MIDI writes it.</summary>
    internal static int KeySignatureSharps(MusicalKey key)
    {
        var major = key.Mode == KeyMode.Major ? key.Tonic : key.RelativeKey().Tonic;
        var sharps = major * 7 % 12;
        return sharps > 6 ? sharps - 12 : sharps;
    }
}
