using AudioPlatform.Engine.Tonal;
using AudioPlatform.GroundTruth.Composition;
using AudioPlatform.GroundTruth.Midi;

namespace AudioPlatform.GroundTruth.Genres;

/// <summary>
/// Writes a <see cref="GenrePiece"/> as MIDI on a sixteenth-note grid: drums and hand percussion (channel 10), bass,
/// chords, melody and pad, each with its program, level, reverb and chorus send. Intensity scales every velocity;
/// the last bar holds the tonic. Timing and velocity are humanised deterministically from the seed.
/// </summary>
public static class GenreComposer
{
    private const int TicksPerQuarter = 480, Sixteenth = TicksPerQuarter / 4;
    private const int BassChannel = 0, ChordChannel = 1, MelodyChannel = 2, PadChannel = 3, DrumChannel = 9;
    private const int Kick = 36, Crash = 49;
    private static readonly int[] MajorScale = [0, 2, 4, 5, 7, 9, 11];
    private static readonly int[] MinorScale = [0, 2, 3, 5, 7, 8, 10];

    public static MidiFile Compose(GenrePiece piece)
    {
        var spec = piece.Spec;
        var a = piece.Arrangement;
        var mix = piece.Production;
        var random = new Random(unchecked(spec.Seed * 7919 + 29));
        var meter = spec.Meter;
        var stepsPerBar = meter.BeatsPerBar * 4;
        var barTicks = (long)stepsPerBar * Sixteenth;
        var ticksPerSecond = TicksPerQuarter * spec.Bpm / 60;
        var jitter = (int)Math.Round(0.005 * ticksPerSecond);
        // Soft pieces are played softly: velocities scale from 55 % to 105 %.
        var dynamics = 0.55 + 0.5 * a.Intensity;

        var midi = new MidiFile(TicksPerQuarter);
        var conductor = midi.AddTrack();
        conductor.Add(MidiEvent.TrackName(0, $"{spec.Id} {spec.Style} {spec.Bpm} BPM {spec.Key.Name} {meter}"));
        conductor.Add(MidiEvent.Tempo(0, spec.Bpm));
        conductor.Add(MidiEvent.TimeSignature(0, meter.Numerator, meter.Denominator, 24));
        conductor.Add(MidiEvent.KeySignature(0, PieceComposer.KeySignatureSharps(spec.Key), spec.Key.Mode == KeyMode.Minor));

        List<MidiEvent> Part(string name, int channel, int? program, int volume)
        {
            var track = midi.AddTrack();
            track.Add(MidiEvent.TrackName(0, name));
            if (program is { } p) track.Add(MidiEvent.ProgramChange(0, channel, p));
            track.Add(MidiEvent.Controller(0, channel, 7, volume));
            track.Add(MidiEvent.Controller(0, channel, 91, mix.Reverb));
            track.Add(MidiEvent.Controller(0, channel, 93, channel == DrumChannel ? mix.Chorus / 4 : mix.Chorus));
            return track;
        }

        var drums = Part("drums", DrumChannel, null, mix.DrumVolume);
        var bass = a.BassProgram is { } bp ? Part("bass", BassChannel, bp, mix.BassVolume) : null;
        var chords = Part("chords", ChordChannel, a.ChordProgram, mix.ChordVolume);
        var melody = a.MelodyProgram is { } mp ? Part("melody", MelodyChannel, mp, mix.MelodyVolume) : null;
        var pad = a.PadProgram is { } pp ? Part("pad", PadChannel, pp, mix.PadVolume) : null;

        long Humanise(long tick) => Math.Max(0, tick + (jitter > 0 ? random.Next(-jitter, jitter + 1) : 0));
        int Velocity(int velocity) => Math.Clamp((int)Math.Round(velocity * dynamics) + random.Next(-6, 7), 15, 127);
        long StepTick(long barStart, int step)
        {
            var tick = barStart + (long)step * Sixteenth;
            if (a.Swing > 0)
            {
                if (a.SwingsEighths && step % 4 == 2) tick += (long)(a.Swing * 2 * Sixteenth);
                else if (!a.SwingsEighths && step % 2 == 1) tick += (long)(a.Swing * Sixteenth);
            }
            return tick;
        }
        void Note(List<MidiEvent> track, int channel, long start, long length, int pitch, int velocity)
        {
            var on = Humanise(start);
            track.Add(MidiEvent.NoteOn(on, channel, pitch, Velocity(velocity)));
            track.Add(MidiEvent.NoteOff(Math.Max(on + 1, start + length - Sixteenth / 4), channel, pitch));
        }

        var scale = (spec.Key.Mode == KeyMode.Major ? MajorScale : MinorScale).Select(d => (spec.Key.Tonic + d) % 12).ToArray();
        int[]? voicing = null;
        var melodyPitch = 72 + spec.Key.Tonic % 12 - (spec.Key.Tonic > 6 ? 12 : 0);
        var total = spec.TotalBars;
        for (var bar = 0; bar < total; bar++)
        {
            var barStart = bar * barTicks;
            var isLast = bar == total - 1;
            var chord = isLast ? spec.Progression[0] : spec.Progression[bar % spec.Progression.Count];
            var nextChord = spec.Progression[(bar + 1) % spec.Progression.Count];
            var rootClass = (spec.Key.Tonic + chord.Root) % 12;
            // E1 to D#2 for the bass, E2 to D#3 for power chords.
            var bassRoot = 28 + (rootClass + 8) % 12;
            var powerRoot = 40 + (rootClass + 8) % 12;

            if (isLast)
            {
                if (a.Drums is not null)
                {
                    Note(drums, DrumChannel, barStart, 2 * Sixteenth, Kick, 110);
                    Note(drums, DrumChannel, barStart, 2 * Sixteenth, Crash, 105);
                }
                if (bass is not null) Note(bass, BassChannel, barStart, barTicks, bassRoot, 100);
            }
            else
            {
                foreach (var groove in new[] { a.Drums, a.Percussion })
                {
                    if (groove is null) continue;
                    foreach (var hit in groove.Hits.Where(h => h.Step < stepsPerBar))
                        Note(drums, DrumChannel, StepTick(barStart, hit.Step), Sixteenth, hit.Note, hit.Velocity + (hit.Step == 0 ? 6 : 0));
                }
                if (a.Drums is not null && bar % 4 == 0 && a.Intensity >= 0.5)
                    Note(drums, DrumChannel, barStart, 2 * Sixteenth, Crash, 100);

                if (bass is not null)
                {
                    if (a.Bass.Walking)
                    {
                        var third = chord.Minor ? 3 : 4;
                        var approach = ((nextChord.Root - chord.Root - 1) % 12 + 12) % 12;
                        int[] walk = meter.BeatsPerBar == 3 ? [0, third, approach] : [0, third, 7, approach];
                        for (var beat = 0; beat < walk.Length; beat++)
                            Note(bass, BassChannel, StepTick(barStart, beat * 4), 4 * Sixteenth, bassRoot + walk[beat], beat == 0 ? 100 : 88);
                    }
                    else
                    {
                        foreach (var step in a.Bass.Steps.Where(s => s.Step < stepsPerBar))
                            Note(bass, BassChannel, StepTick(barStart, step.Step), Math.Min(step.Length, stepsPerBar - step.Step) * (long)Sixteenth,
                                bassRoot + step.Interval, step.Step % 4 == 0 ? 100 : 90);
                    }
                }
            }

            voicing = Voice(rootClass, Intervals(chord, a), voicing);
            var comp = isLast ? new Comping("final", [0], stepsPerBar) : a.Comping;
            int[] compVoicing = comp.PowerChords ? [powerRoot, powerRoot + 7, powerRoot + 12] : voicing;
            foreach (var step in comp.Steps.Where(s => s < stepsPerBar))
                foreach (var pitch in compVoicing)
                    Note(chords, ChordChannel, StepTick(barStart, step), Math.Min(comp.Length, stepsPerBar - step) * (long)Sixteenth, pitch, step == 0 ? 85 : 75);

            if (pad is not null)
                foreach (var pitch in voicing)
                    Note(pad, PadChannel, barStart, barTicks, pitch + 12, 70);

            if (melody is null) continue;
            if (isLast)
            {
                Note(melody, MelodyChannel, barStart, barTicks, Voicing.Nearest(melodyPitch, p => p % 12 == spec.Key.Tonic % 12), 90);
                continue;
            }
            var chordTones = Intervals(chord, a).Select(i => (rootClass + i) % 12).ToArray();
            var step0 = 0;
            while (step0 < stepsPerBar)
            {
                var length = random.NextDouble() < spec.MelodyDensity ? 2 : 4;
                length = Math.Min(length, stepsPerBar - step0);
                if (step0 > 0 && random.NextDouble() > spec.MelodyDensity)
                {
                    step0 += length;
                    continue;
                }
                var onBeat = step0 % 4 == 0;
                if (onBeat)
                {
                    var candidates = Enumerable.Range(62, 24).Where(p => chordTones.Contains(p % 12)).OrderBy(p => Math.Abs(p - melodyPitch)).Take(3).ToArray();
                    melodyPitch = candidates[random.Next(Math.Min(2, candidates.Length))];
                }
                else
                {
                    var inScale = Enumerable.Range(62, 24).Where(p => scale.Contains(p % 12)).ToArray();
                    var index = Array.IndexOf(inScale, Voicing.Nearest(melodyPitch, p => scale.Contains(p % 12)));
                    melodyPitch = inScale[Math.Clamp(index + (random.Next(2) == 0 ? -1 : 1), 0, inScale.Length - 1)];
                }
                Note(melody, MelodyChannel, StepTick(barStart, step0), length * (long)Sixteenth, melodyPitch, onBeat ? 95 : 82);
                step0 += length;
            }
        }

        var end = total * barTicks + TicksPerQuarter * 2;
        conductor.Add(MidiEvent.Meta(end, 0x01, (byte)'e', (byte)'n', (byte)'d'));
        return midi;
    }

    /// <summary>Triad intervals, with the seventh jazz adds: minor seventh on minor and dominant chords, major seventh otherwise.</summary>
    private static int[] Intervals(Chord chord, Arrangement a)
    {
        if (!a.Sevenths) return chord.Intervals;
        var seventh = chord.Minor || chord.Numeral == "V" ? 10 : 11;
        return [.. chord.Intervals, seventh];
    }

    /// <summary>A close-position chord between F3 and E5, in the inversion nearest the previous chord.</summary>
    private static int[] Voice(int rootPitchClass, int[] intervals, int[]? previous) =>
        Voicing.Voice(48 + rootPitchClass, intervals, previous, highest: 78);
}
