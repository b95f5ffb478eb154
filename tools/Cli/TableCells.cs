using System.Globalization;

namespace AudioPlatform.Cli;

/// <summary>
/// How both tables (<c>analyze</c> and the server's <c>upload</c>/<c>list</c>) show a value: "–" when it is missing, so
/// a track with no beat or no tonal centre never reads as "0.0 BPM" or an empty column that shifts the others.
/// </summary>
internal static class TableCells
{
    public const string Missing = "–";

    /// <summary>A tempo: missing when absent, zero (the engine found no beat) or not a number.</summary>
    public static string Tempo(double? bpm) => bpm is { } value && double.IsFinite(value) && value > 0 ? value.ToString("0.0", CultureInfo.InvariantCulture) : Missing;

    public static string Number(double? value, string format) =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : Missing;

    public static string Text(string? text) => string.IsNullOrWhiteSpace(text) ? Missing : text;

    public static string Duration(double? seconds) =>
        seconds is { } s && double.IsFinite(s) ? TimeSpan.FromSeconds(s).ToString(@"m\:ss", CultureInfo.InvariantCulture) : Missing;
}
