using System.Buffers.Binary;

namespace AudioPlatform.GroundTruth.Midi;

/// <summary>One event at an absolute tick: channel messages as status + data bytes, meta events as type + data.</summary>
public readonly record struct MidiEvent(long Tick, byte Status, byte[] Data, int Order = 0)
{
    public static MidiEvent NoteOn(long tick, int channel, int note, int velocity) =>
        new(tick, (byte)(0x90 | channel), [(byte)note, (byte)Math.Clamp(velocity, 1, 127)], 2);

    public static MidiEvent NoteOff(long tick, int channel, int note) =>
        new(tick, (byte)(0x80 | channel), [(byte)note, 0], 1);

    public static MidiEvent ProgramChange(long tick, int channel, int program) =>
        new(tick, (byte)(0xC0 | channel), [(byte)program], 0);

    public static MidiEvent Controller(long tick, int channel, int controller, int value) =>
        new(tick, (byte)(0xB0 | channel), [(byte)controller, (byte)value], 0);

    /// <summary>Meta events carry their type in Data[0] and are written as FF type length data.</summary>
    public static MidiEvent Meta(long tick, byte type, params byte[] payload) => new(tick, 0xFF, [type, .. payload], 0);

    public static MidiEvent Tempo(long tick, double quarterNotesPerMinute)
    {
        var microseconds = (int)Math.Round(60_000_000 / quarterNotesPerMinute);
        return Meta(tick, 0x51, (byte)(microseconds >> 16), (byte)(microseconds >> 8), (byte)microseconds);
    }

    /// <summary>Time signature meta event; <paramref name="clocksPerClick"/> is 24 for a quarter-note click, 36 for a dotted quarter.</summary>
    public static MidiEvent TimeSignature(long tick, int numerator, int denominator, int clocksPerClick) =>
        Meta(tick, 0x58, (byte)numerator, (byte)Math.Log2(denominator), (byte)clocksPerClick, 8);

    /// <summary>Key signature meta event: sharps (positive) or flats (negative), and minor.</summary>
    public static MidiEvent KeySignature(long tick, int sharps, bool minor) => Meta(tick, 0x59, unchecked((byte)(sbyte)sharps), (byte)(minor ? 1 : 0));

    public static MidiEvent TrackName(long tick, string name) => Meta(tick, 0x03, System.Text.Encoding.ASCII.GetBytes(name));
}

/// <summary>A Standard MIDI File, format 1: a list of tracks, each a list of events in absolute ticks.</summary>
public sealed class MidiFile(int ticksPerQuarter = 480)
{
    public int TicksPerQuarter { get; } = ticksPerQuarter;

    public List<List<MidiEvent>> Tracks { get; } = [];

    public List<MidiEvent> AddTrack()
    {
        var track = new List<MidiEvent>();
        Tracks.Add(track);
        return track;
    }

    /// <summary>The last tick of any event.</summary>
    public long EndTick()
    {
        long end = 0;
        foreach (var track in Tracks) foreach (var e in track) end = Math.Max(end, e.Tick);
        return end;
    }

    public void Save(string path)
    {
        using var stream = File.Create(path);
        Write(stream);
    }

    public void Write(Stream stream)
    {
        Span<byte> header = stackalloc byte[14];
        "MThd"u8.CopyTo(header);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], 6);
        BinaryPrimitives.WriteInt16BigEndian(header[8..], 1);
        BinaryPrimitives.WriteInt16BigEndian(header[10..], (short)Tracks.Count);
        BinaryPrimitives.WriteInt16BigEndian(header[12..], (short)TicksPerQuarter);
        stream.Write(header);
        foreach (var track in Tracks) WriteTrack(stream, track);
    }

    private static void WriteTrack(Stream stream, List<MidiEvent> events)
    {
        // Stable order: by tick, then note-offs before note-ons at the same tick so a repeated note is re-struck.
        var ordered = events.Select((e, i) => (e, i)).OrderBy(x => x.e.Tick).ThenBy(x => x.e.Order).ThenBy(x => x.i).Select(x => x.e).ToList();
        using var body = new MemoryStream();
        long previous = 0;
        foreach (var e in ordered)
        {
            WriteVariableLength(body, e.Tick - previous);
            previous = e.Tick;
            body.WriteByte(e.Status);
            if (e.Status == 0xFF)
            {
                body.WriteByte(e.Data[0]);
                WriteVariableLength(body, e.Data.Length - 1);
                body.Write(e.Data, 1, e.Data.Length - 1);
            }
            else
            {
                body.Write(e.Data);
            }
        }
        WriteVariableLength(body, 0);
        body.Write([0xFF, 0x2F, 0x00]);

        Span<byte> header = stackalloc byte[8];
        "MTrk"u8.CopyTo(header);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], (int)body.Length);
        stream.Write(header);
        body.Position = 0;
        body.CopyTo(stream);
    }

    internal static void WriteVariableLength(Stream stream, long value)
    {
        if (value < 0) throw new ArgumentOutOfRangeException(nameof(value));
        Span<byte> buffer = stackalloc byte[5];
        var count = 0;
        buffer[count++] = (byte)(value & 0x7F);
        while ((value >>= 7) > 0) buffer[count++] = (byte)(0x80 | (value & 0x7F));
        for (var i = count - 1; i >= 0; i--) stream.WriteByte(buffer[i]);
    }
}
