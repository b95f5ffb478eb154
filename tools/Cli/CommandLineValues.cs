using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace AudioPlatform.Cli;

/// <summary>Options whose values are checked as they are read, each error naming the option and the value given.</summary>
internal static class CommandLineValues
{
    /// <summary>A switch: present or not, never followed by a value (so <c>upload --json a.wav</c> keeps its file).</summary>
    public static Option<bool> Flag(string name, string description) =>
        new(name) { Description = description, Arity = ArgumentArity.Zero };

    /// <summary>A finite decimal number (invariant culture).</summary>
    public static Option<double?> Number(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "N",
        CustomParser = result =>
        {
            var value = result.Tokens[^1].Value;
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
                return number;
            result.AddError($"{name} '{value}' is not a number.");
            return null;
        },
    };

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, <paramref name="fallback"/> when not given.</summary>
    public static Option<int> WholeNumber(string name, string description, int fallback, int min, int max) => new(name)
    {
        Description = description,
        HelpName = "N",
        DefaultValueFactory = _ => fallback,
        CustomParser = result =>
        {
            if (result.Tokens.Count == 0)
                return fallback;
            var value = result.Tokens[^1].Value;
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
                return number;
            result.AddError($"{name} '{value}' is not a whole number from {min} to {max}.");
            return fallback;
        },
    };

    /// <summary>True when the option was written on the command line (not just given its default).</summary>
    public static bool IsGiven(this SymbolResult result, Option option) => result.GetResult(option) is { Implicit: false };
}
