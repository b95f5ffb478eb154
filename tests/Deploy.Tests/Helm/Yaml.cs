using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace AudioPlatform.Deploy.Tests.Helm;

/// <summary>
/// YAML as Helm sees it: maps, lists and typed scalars (a plain <c>2</c> is a number, <c>true</c> a boolean, a quoted
/// <c>"2"</c> a string), so that templates and assertions see the types Kubernetes will.
/// </summary>
public static partial class Yaml
{
    /// <summary>Every document of a YAML text (merge keys resolved), as maps, lists and typed scalars.</summary>
    public static List<object?> LoadAll(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return [.. stream.Documents.Select(document => Convert(document.RootNode))];
    }

    public static Dictionary<string, object?> LoadMap(string text) =>
        LoadAll(text).SingleOrDefault() as Dictionary<string, object?> ?? throw new FormatException("The YAML is not one map.");

    /// <summary>As Helm's toYaml (Go yaml.v2, YAML 1.1): keys sorted, and strings such as "off" or "yes" quoted so they stay strings.</summary>
    public static string ToYaml(object? value) =>
        new SerializerBuilder().WithQuotingNecessaryStrings(quoteYaml1_1Strings: true).Build().Serialize(Sorted(value));

    private static object? Sorted(object? value) => value switch
    {
        Dictionary<string, object?> map => new SortedDictionary<string, object?>(
            map.ToDictionary(entry => entry.Key, entry => Sorted(entry.Value)), StringComparer.Ordinal),
        List<object?> list => list.Select(Sorted).ToList(),
        _ => value,
    };

    private static object? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => Map(map),
        YamlSequenceNode list => list.Children.Select(Convert).ToList(),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new FormatException($"Unexpected YAML node {node.NodeType}."),
    };

    /// <summary>A mapping, with YAML's merge keys (<c>&lt;&lt;: *anchor</c>) resolved: the mapping's own keys win.</summary>
    private static Dictionary<string, object?> Map(YamlMappingNode map)
    {
        var result = new Dictionary<string, object?>();
        foreach (var (key, value) in map.Children)
        {
            if (((YamlScalarNode)key).Value == "<<")
            {
                foreach (var (mergedKey, mergedValue) in Map((YamlMappingNode)value))
                {
                    result.TryAdd(mergedKey, mergedValue);
                }
            }
            else
            {
                result[((YamlScalarNode)key).Value!] = Convert(value);
            }
        }

        return result;
    }

    private static object? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain)
        {
            return text;
        }

        return text switch
        {
            "" or "~" or "null" => null,
            "true" => true,
            "false" => false,
            _ when Integer().IsMatch(text) => long.Parse(text, CultureInfo.InvariantCulture),
            _ when Real().IsMatch(text) => double.Parse(text, CultureInfo.InvariantCulture),
            _ => text,
        };
    }

    [GeneratedRegex(@"^-?\d+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^-?\d+\.\d+$")]
    private static partial Regex Real();

    /// <summary>A path into loaded YAML: <c>Get(doc, "spec", "replicas")</c>; null when any step is missing.</summary>
    public static object? Get(object? node, params object[] path)
    {
        foreach (var step in path)
        {
            node = (node, step) switch
            {
                (Dictionary<string, object?> map, string key) => map.GetValueOrDefault(key),
                (List<object?> list, int index) when index < list.Count => list[index],
                _ => null,
            };
        }

        return node;
    }

    public static Dictionary<string, object?> Map(object? node, params object[] path) =>
        Get(node, path) as Dictionary<string, object?> ?? [];

    public static List<object?> List(object? node, params object[] path) =>
        Get(node, path) as List<object?> ?? [];
}
