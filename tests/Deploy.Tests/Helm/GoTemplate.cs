using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AudioPlatform.Deploy.Tests.Helm;

/// <summary>
/// Renders the subset of Go's text/template (and of Helm's functions) that deploy/helm/audioplatform uses, because no
/// helm binary can be installed here: actions with <c>{{-</c>/<c>-}}</c> trimming, comments, <c>if</c>/<c>else</c>,
/// <c>range</c> over maps (sorted keys, as Go does) and lists with <c>$key, $value :=</c>, variables, <c>$</c>,
/// pipelines, parentheses and the functions in <see cref="Functions"/>. Anything else is an error, never silently
/// empty: a template that uses more than this must extend the renderer (and its tests) first. Printing a value that is
/// missing throws too (Helm prints nothing), so a misspelt values path fails the tests.
/// </summary>
public static partial class GoTemplate
{
    public static string Render(string template, IReadOnlyDictionary<string, object?> root)
    {
        var nodes = Parse(Tokenize(template));
        var output = new StringBuilder();
        Execute(nodes, new Scope(root, root, new Dictionary<string, object?> { ["$"] = root }), output);
        return output.ToString();
    }

    // ---- lexing the text into text and actions ----

    private abstract record Token;
    private sealed record TextToken(string Text) : Token;
    private sealed record ActionToken(string Body) : Token;

    private static List<Token> Tokenize(string template)
    {
        var tokens = new List<Token>();
        var position = 0;
        var trimNextText = false;
        while (position < template.Length)
        {
            var open = template.IndexOf("{{", position, StringComparison.Ordinal);
            var text = open < 0 ? template[position..] : template[position..open];
            if (trimNextText)
            {
                text = text.TrimStart();
            }

            if (open < 0)
            {
                tokens.Add(new TextToken(text));
                break;
            }

            var close = template.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                throw new FormatException($"An action opened at {open} is never closed.");
            }

            var body = template[(open + 2)..close];
            if (body.StartsWith("- ", StringComparison.Ordinal))
            {
                text = text.TrimEnd();
                body = body[2..];
            }

            trimNextText = body.EndsWith(" -", StringComparison.Ordinal);
            if (trimNextText)
            {
                body = body[..^2];
            }

            tokens.Add(new TextToken(text));
            body = body.Trim();
            if (!(body.StartsWith("/*", StringComparison.Ordinal) && body.EndsWith("*/", StringComparison.Ordinal)))
            {
                tokens.Add(new ActionToken(body));
            }

            position = close + 2;
        }

        return tokens;
    }

    // ---- the tree ----

    private abstract record Node;
    private sealed record TextNode(string Text) : Node;
    private sealed record OutputNode(Expression Pipeline) : Node;
    private sealed record IfNode(Expression Condition, List<Node> Then, List<Node> Else) : Node;
    private sealed record RangeNode(string? KeyVariable, string? ValueVariable, Expression Source, List<Node> Body) : Node;

    private static List<Node> Parse(List<Token> tokens)
    {
        var position = 0;
        var nodes = ParseBlock(tokens, ref position, out var terminator);
        if (terminator is not null)
        {
            throw new FormatException($"Unexpected {{{{ {terminator} }}}} outside a block.");
        }

        return nodes;
    }

    private static List<Node> ParseBlock(List<Token> tokens, ref int position, out string? terminator)
    {
        var nodes = new List<Node>();
        while (position < tokens.Count)
        {
            var token = tokens[position++];
            if (token is TextToken text)
            {
                nodes.Add(new TextNode(text.Text));
                continue;
            }

            var body = ((ActionToken)token).Body;
            if (body is "end" or "else")
            {
                terminator = body;
                return nodes;
            }

            if (body.StartsWith("if ", StringComparison.Ordinal))
            {
                var then = ParseBlock(tokens, ref position, out var end);
                var otherwise = new List<Node>();
                if (end == "else")
                {
                    otherwise = ParseBlock(tokens, ref position, out end);
                }

                Expect(end, "end", body);
                nodes.Add(new IfNode(ParseExpression(body[3..]), then, otherwise));
            }
            else if (body.StartsWith("range ", StringComparison.Ordinal))
            {
                var match = RangeClause().Match(body[6..]);
                var block = ParseBlock(tokens, ref position, out var end);
                Expect(end, "end", body);
                var (key, value) = match.Groups["second"].Success
                    ? (match.Groups["first"].Value, match.Groups["second"].Value)
                    : match.Groups["first"].Success ? (null, match.Groups["first"].Value) : ((string?)null, (string?)null);
                nodes.Add(new RangeNode(key, value, ParseExpression(match.Groups["source"].Value), block));
            }
            else if (Regex.IsMatch(body, @"^(with|define|template|block|include)\b") || body.Contains(":=", StringComparison.Ordinal))
            {
                throw new NotSupportedException($"{{{{ {body} }}}} is outside the subset this renderer implements.");
            }
            else
            {
                nodes.Add(new OutputNode(ParseExpression(body)));
            }
        }

        terminator = null;
        return nodes;
    }

    private static void Expect(string? actual, string expected, string opening)
    {
        if (actual != expected)
        {
            throw new FormatException($"{{{{ {opening} }}}} is not closed by {{{{ {expected} }}}}.");
        }
    }

    [GeneratedRegex(@"^\s*(?:(?<first>\$\w+)\s*(?:,\s*(?<second>\$\w+)\s*)?:=\s*)?(?<source>.+)$")]
    private static partial Regex RangeClause();

    // ---- expressions: pipelines of commands ----

    private abstract record Expression;
    private sealed record Pipeline(List<List<Expression>> Commands) : Expression;
    private sealed record Field(string Variable, string[] Path) : Expression;
    private sealed record Literal(object? Value) : Expression;
    private sealed record FunctionName(string Name) : Expression;

    [GeneratedRegex("""\G\s*(?:(?<string>"(?:[^"\\]|\\.)*")|(?<number>-?\d+(?:\.\d+)?)|(?<field>\$?\w*(?:\.\w+)+|\$\w*|\.)|(?<word>\w+)|(?<symbol>[()|]))""")]
    private static partial Regex ExpressionToken();

    private static Expression ParseExpression(string text)
    {
        var tokens = new List<Match>();
        var position = 0;
        while (position < text.Length && !string.IsNullOrWhiteSpace(text[position..]))
        {
            var match = ExpressionToken().Match(text, position);
            if (!match.Success)
            {
                throw new FormatException($"Cannot read '{text[position..]}' in {{{{ {text} }}}}.");
            }

            tokens.Add(match);
            position = match.Index + match.Length;
        }

        var index = 0;
        var pipeline = ParsePipeline(tokens, ref index);
        if (index != tokens.Count)
        {
            throw new FormatException($"Unexpected '{tokens[index].Value.Trim()}' in {{{{ {text} }}}}.");
        }

        return pipeline;
    }

    private static Pipeline ParsePipeline(List<Match> tokens, ref int index)
    {
        var commands = new List<List<Expression>> { new() };
        while (index < tokens.Count)
        {
            var token = tokens[index];
            var value = token.Value.Trim();
            if (value == ")")
            {
                break;
            }

            index++;
            if (value == "|")
            {
                commands.Add([]);
            }
            else if (value == "(")
            {
                commands[^1].Add(ParsePipeline(tokens, ref index));
                if (index >= tokens.Count || tokens[index++].Value.Trim() != ")")
                {
                    throw new FormatException("A parenthesis is not closed.");
                }
            }
            else if (token.Groups["string"].Success)
            {
                commands[^1].Add(new Literal(Regex.Unescape(value[1..^1])));
            }
            else if (token.Groups["number"].Success)
            {
                commands[^1].Add(new Literal(value.Contains('.') ? double.Parse(value, CultureInfo.InvariantCulture) : long.Parse(value, CultureInfo.InvariantCulture)));
            }
            else if (token.Groups["field"].Success)
            {
                var parts = value.Split('.');
                var variable = parts[0] is "" ? "." : parts[0];
                commands[^1].Add(new Field(variable, [.. parts.Skip(1).Where(part => part.Length > 0)]));
            }
            else
            {
                commands[^1].Add(value switch
                {
                    "true" => new Literal(true),
                    "false" => new Literal(false),
                    "nil" => new Literal(null),
                    _ => new FunctionName(value),
                });
            }
        }

        if (commands.Any(command => command.Count == 0))
        {
            throw new FormatException("An empty command in a pipeline.");
        }

        return new Pipeline(commands);
    }

    // ---- execution ----

    private sealed record Scope(object? Dot, IReadOnlyDictionary<string, object?> Root, Dictionary<string, object?> Variables)
    {
        public Scope With(object? dot, params (string? Name, object? Value)[] variables)
        {
            var copy = new Dictionary<string, object?>(Variables);
            foreach (var (name, value) in variables)
            {
                if (name is not null)
                {
                    copy[name] = value;
                }
            }

            return new Scope(dot, Root, copy);
        }
    }

    private static void Execute(List<Node> nodes, Scope scope, StringBuilder output)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case TextNode text:
                    output.Append(text.Text);
                    break;
                case OutputNode action:
                    var value = Evaluate(action.Pipeline, scope);
                    output.Append(Format(value ?? throw new InvalidOperationException($"{Describe(action.Pipeline)} has no value (a misspelt values path?).")));
                    break;
                case IfNode condition:
                    Execute(IsTrue(Evaluate(condition.Condition, scope)) ? condition.Then : condition.Else, scope, output);
                    break;
                case RangeNode range:
                    foreach (var (key, item) in Items(Evaluate(range.Source, scope)))
                    {
                        Execute(range.Body, scope.With(item, (range.KeyVariable, key), (range.ValueVariable, item)), output);
                    }

                    break;
            }
        }
    }

    private static IEnumerable<(object Key, object? Value)> Items(object? source) => source switch
    {
        null => [],
        IDictionary<string, object?> map => map.OrderBy(entry => entry.Key, StringComparer.Ordinal).Select(entry => ((object)entry.Key, entry.Value)),
        IList<object?> list => list.Select((item, index) => ((object)(long)index, item)),
        _ => throw new InvalidOperationException($"range over {source.GetType().Name}, which is neither a map nor a list."),
    };

    private static object? Evaluate(Expression expression, Scope scope)
    {
        switch (expression)
        {
            case Literal literal:
                return literal.Value;
            case Field field:
                var value = field.Variable == "."
                    ? scope.Dot
                    : scope.Variables.TryGetValue(field.Variable, out var variable) ? variable : throw new InvalidOperationException($"Undefined variable {field.Variable}.");
                foreach (var part in field.Path)
                {
                    value = value is IReadOnlyDictionary<string, object?> map
                        ? map.GetValueOrDefault(part)
                        : value is IDictionary<string, object?> dictionary ? dictionary.TryGetValue(part, out var found) ? found : null : null;
                }

                return value;
            case Pipeline pipeline:
                object? piped = null;
                var first = true;
                foreach (var command in pipeline.Commands)
                {
                    piped = EvaluateCommand(command, scope, piped, first);
                    first = false;
                }

                return piped;
            default:
                throw new InvalidOperationException($"{expression} cannot be evaluated.");
        }
    }

    private static object? EvaluateCommand(List<Expression> command, Scope scope, object? piped, bool first)
    {
        if (command[0] is FunctionName function)
        {
            var arguments = command.Skip(1).Select(argument => Evaluate(argument, scope)).ToList();
            if (!first)
            {
                arguments.Add(piped);
            }

            return Functions.TryGetValue(function.Name, out var implementation)
                ? implementation(arguments)
                : throw new NotSupportedException($"The function '{function.Name}' is outside the subset this renderer implements.");
        }

        if (command.Count != 1 || !first)
        {
            throw new FormatException($"{Describe(command[0])} is not a function: it takes no arguments.");
        }

        return Evaluate(command[0], scope);
    }

    private static readonly Dictionary<string, Func<List<object?>, object?>> Functions = new()
    {
        ["quote"] = arguments => string.Join(' ', arguments.Select(argument => Quote(argument is null ? "" : Format(argument)))),
        ["default"] = arguments => arguments.Count == 2 && IsTrue(arguments[1]) ? arguments[1] : arguments[0],
        ["printf"] = arguments => Printf((string)arguments[0]!, arguments.Skip(1).ToList()),
        ["index"] = arguments => arguments.Skip(1).Aggregate(arguments[0], (current, key) =>
            current is IDictionary<string, object?> map && map.TryGetValue(Format(key!), out var value) ? value
            : current is IList<object?> list && key is long position ? list[(int)position]
            : null),
        ["int"] = arguments => Convert.ToInt64(arguments[0], CultureInfo.InvariantCulture),
        ["gt"] = arguments => Compare(arguments) > 0,
        ["lt"] = arguments => Compare(arguments) < 0,
        ["eq"] = arguments => Equals(Normalise(arguments[0]), Normalise(arguments[1])),
        ["not"] = arguments => !IsTrue(arguments[0]),
        ["toYaml"] = arguments => Yaml.ToYaml(arguments[0]).TrimEnd('\n'),
        ["indent"] = arguments => Indent(Convert.ToInt32(arguments[0], CultureInfo.InvariantCulture), Format(arguments[1]!)),
        ["nindent"] = arguments => "\n" + Indent(Convert.ToInt32(arguments[0], CultureInfo.InvariantCulture), Format(arguments[1]!)),
    };

    private static int Compare(List<object?> arguments) =>
        Convert.ToDouble(arguments[0], CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(arguments[1], CultureInfo.InvariantCulture));

    private static object? Normalise(object? value) => value is long or int or double ? Convert.ToDouble(value, CultureInfo.InvariantCulture) : value;

    private static string Indent(int spaces, string text) =>
        string.Join('\n', text.Split('\n').Select(line => new string(' ', spaces) + line));

    /// <summary>Go's truth: false, 0, nil and empty strings, maps and lists are false.</summary>
    private static bool IsTrue(object? value) => value switch
    {
        null => false,
        bool flag => flag,
        long number => number != 0,
        double number => number != 0,
        string text => text.Length > 0,
        System.Collections.ICollection collection => collection.Count > 0,
        _ => true,
    };

    /// <summary>Go's %v of the values YAML gives: numbers without a trailing .0, booleans in lower case.</summary>
    private static string Format(object value) => value switch
    {
        bool flag => flag ? "true" : "false",
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        long number => number.ToString(CultureInfo.InvariantCulture),
        string text => text,
        _ => throw new InvalidOperationException($"A {value.GetType().Name} cannot be printed; use toYaml."),
    };

    private static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";

    private static string Printf(string format, List<object?> arguments)
    {
        var next = 0;
        return Regex.Replace(format, "%[svd%]", match => match.Value == "%%"
            ? "%"
            : Format(arguments[next++] ?? throw new InvalidOperationException($"printf \"{format}\" got no value for argument {next}.")));
    }

    private static string Describe(Expression expression) => expression switch
    {
        Field field => field.Variable + (field.Path.Length > 0 ? "." + string.Join('.', field.Path) : ""),
        Pipeline pipeline => string.Join(" | ", pipeline.Commands.Select(command => string.Join(' ', command.Select(Describe)))),
        FunctionName function => function.Name,
        Literal literal => literal.Value?.ToString() ?? "nil",
        _ => expression.ToString(),
    };
}
