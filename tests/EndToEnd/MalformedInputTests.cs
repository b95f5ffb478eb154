using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AudioPlatform.EndToEnd.Tests;

/// <summary>
/// Malformed input, sent the way an attacker or a careless script would, to every operation the services document:
/// it is never a 5xx, and a value of the wrong type is a 400 problem naming the field. The operations and their
/// parameters come from the OpenAPI documents the Gateway serves, so a new endpoint is covered without a new test.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class MalformedInputTests(PlatformFixture platform)
{
    private static readonly string[] Documents = ["gateway", "identity", "ingest", "analysis", "library", "notify"];
    private static readonly string Overlong = new('a', 4000);

    [Fact]
    public async Task Every_documented_operation_answers_malformed_parameters_and_bodies_with_a_4xx_problem_naming_the_field_never_a_5xx()
    {
        using var client = (await platform.UserAsync("malformed")).CreateClient(platform.GatewayAddress);
        var failures = new List<string>();
        var probes = new List<Probe>();
        foreach (var name in Documents)
        {
            using var document = JsonDocument.Parse(await platform.Gateway.GetStringAsync($"/api/docs/openapi/{name}.json"));
            probes.AddRange(ProbesOf(document.RootElement));
        }

        foreach (var probe in probes)
        {
            using var request = probe.ToRequest();
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (Judge(probe, response, body) is { } failure)
            {
                failures.Add($"{probe}: {failure}");
            }
        }

        // The documents list the library's filters, the track routes, the analysis body, registration and the WebSocket's since.
        Assert.True(probes.Count > 40, $"only {probes.Count} probes: the OpenAPI documents list fewer parameters than expected");
        Assert.True(failures.Count == 0, $"{failures.Count} of {probes.Count} probes failed:\n{string.Join('\n', failures)}");
    }

    [Theory]
    [InlineData("/api/v1/audio?bpmMin=abc", "bpmMin")]
    [InlineData("/api/v1/audio?page=abc", "page")]
    [InlineData("/api/v1/audio?pageSize=abc", "pageSize")]
    [InlineData("/api/v1/audio?sort=--energy", "sort")]
    [InlineData("/api/v1/audio?page=2147483647", "page")]
    [InlineData("/api/v1/audio/not-a-guid", "trackId")]
    [InlineData("/api/v1/audio/not-a-guid/stream", "trackId")]
    public async Task The_issues_examples_are_400_problems_naming_the_field(string path, string field)
    {
        using var client = (await platform.UserAsync("malformed")).CreateClient(platform.GatewayAddress);

        using var response = await client.GetAsync(path);

        Assert.Null(Judge(new Probe("GET", path, null, null, HttpStatusCode.BadRequest, field), response, await response.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("", "application/json", HttpStatusCode.BadRequest, "body")]
    [InlineData("{not json", "application/json", HttpStatusCode.BadRequest, "body")]
    [InlineData("""{"trackId":"nope"}""", "application/json", HttpStatusCode.BadRequest, "trackId")]
    [InlineData("{}", "application/json", HttpStatusCode.BadRequest, "trackId")]
    [InlineData("""{"trackId":"3f2504e0-4f89-11d3-9a0c-0305e82c3301"}""", "text/plain", HttpStatusCode.UnsupportedMediaType, "body")]
    public async Task A_malformed_reanalysis_request_is_a_problem_naming_the_field(string body, string contentType, HttpStatusCode status, string field)
    {
        using var client = (await platform.UserAsync("malformed")).CreateClient(platform.GatewayAddress);
        var probe = new Probe("POST", "/api/v1/audio/analyze", body, contentType, status, field);

        using var response = await client.SendAsync(probe.ToRequest());

        Assert.Null(Judge(probe, response, await response.Content.ReadAsStringAsync()));
    }

    /// <summary>Null when the answer is what the probe expects, otherwise what is wrong with it.</summary>
    private static string? Judge(Probe probe, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return $"{status} {Truncate(body)}";
        }

        if (probe.Expected is not { } expected)
        {
            return null;
        }

        if (expected == HttpStatusCode.BadRequest && probe.Field is null ? status is < 400 or >= 500 : response.StatusCode != expected)
        {
            return $"{status} instead of {(int)expected}: {Truncate(body)}";
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"{status} as {response.Content.Headers.ContentType?.MediaType}, not a problem: {Truncate(body)}";
        }

        if (probe.Field is { } field)
        {
            using var problem = JsonDocument.Parse(body);
            var named = problem.RootElement.TryGetProperty("errors", out var errors)
                && errors.EnumerateObject().Any(error => string.Equals(error.Name, field, StringComparison.OrdinalIgnoreCase));
            if (!named)
            {
                return $"the problem does not name '{field}': {Truncate(body)}";
            }
        }

        return null;
    }

    private static string Truncate(string text) => text.Length > 300 ? text[..300] + "…" : text;

    /// <summary>One malformed request, with what it must get: <see cref="Expected"/> null means anything but a 5xx.</summary>
    private sealed record Probe(string Method, string PathAndQuery, string? Body, string? ContentType, HttpStatusCode? Expected, string? Field)
    {
        public HttpRequestMessage ToRequest()
        {
            var request = new HttpRequestMessage(new HttpMethod(Method), PathAndQuery);
            if (Body is not null)
            {
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body));
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }

            return request;
        }

        public override string ToString() =>
            $"{Method} {Truncate(PathAndQuery)}{(Body is null ? "" : $" [{ContentType}] {Truncate(Body)}")}";
    }

    private static IEnumerable<Probe> ProbesOf(JsonElement document)
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var method = operation.Name.ToUpperInvariant();
                var parameters = Parameters(path.Value, operation.Value).ToList();
                foreach (var probe in ParameterProbes(method, path.Name, parameters))
                {
                    yield return probe;
                }

                if (operation.Value.TryGetProperty("requestBody", out var requestBody))
                {
                    var target = Fill(path.Name, parameters, null, null);
                    foreach (var probe in BodyProbes(method, target, requestBody, document))
                    {
                        yield return probe;
                    }
                }
            }
        }
    }

    private static IEnumerable<(string Name, string In, ValueKind Kind)> Parameters(JsonElement pathItem, JsonElement operation) =>
        new[] { pathItem, operation }
            .Where(element => element.ValueKind == JsonValueKind.Object && element.TryGetProperty("parameters", out _))
            .SelectMany(element => element.GetProperty("parameters").EnumerateArray())
            .Select(parameter => (
                parameter.GetProperty("name").GetString()!,
                parameter.GetProperty("in").GetString()!,
                KindOf(parameter.TryGetProperty("schema", out var schema) ? schema : default)))
            .Where(parameter => parameter.Item2 is "path" or "query");

    private static IEnumerable<Probe> ParameterProbes(string method, string template, List<(string Name, string In, ValueKind Kind)> parameters)
    {
        foreach (var (name, location, kind) in parameters)
        {
            // An empty path segment is another route, not a malformed value.
            foreach (var (value, malformed) in MalformedValues(kind).Where(v => location != "path" || v.Value.Length > 0))
            {
                var target = Fill(template, parameters, name, value);
                yield return new Probe(method, target, null, null, malformed ? HttpStatusCode.BadRequest : null, malformed ? name : null);
            }
        }
    }

    /// <summary>The path with every parameter filled in: well-formed values, except <paramref name="name"/>'s.</summary>
    private static string Fill(string template, List<(string Name, string In, ValueKind Kind)> parameters, string? name, string? value)
    {
        var path = template;
        var query = new List<string>();
        foreach (var parameter in parameters)
        {
            var filled = parameter.Name == name ? value! : WellFormed(parameter.Kind);
            if (parameter.In == "path")
            {
                path = path.Replace($"{{{parameter.Name}}}", Uri.EscapeDataString(filled), StringComparison.Ordinal);
            }
            else if (parameter.Name == name)
            {
                query.Add($"{Uri.EscapeDataString(parameter.Name)}={Uri.EscapeDataString(filled)}");
            }
        }

        return query.Count == 0 ? path : $"{path}?{string.Join('&', query)}";
    }

    private static IEnumerable<Probe> BodyProbes(string method, string target, JsonElement requestBody, JsonElement document)
    {
        var content = requestBody.GetProperty("content");
        var required = requestBody.TryGetProperty("required", out var isRequired) && isRequired.GetBoolean();
        if (!content.TryGetProperty("application/json", out var json))
        {
            // Not JSON (the upload's multipart form): bodies that are not what it takes are a 4xx problem.
            var declared = content.EnumerateObject().First().Name;
            yield return new Probe(method, target, "{not json", declared, HttpStatusCode.BadRequest, null);
            yield return new Probe(method, target, "{}", "application/json", HttpStatusCode.BadRequest, null);
            yield break;
        }

        yield return new Probe(method, target, "", "application/json", HttpStatusCode.BadRequest, required ? "body" : null);
        yield return new Probe(method, target, "{not json", "application/json", HttpStatusCode.BadRequest, "body");
        yield return new Probe(method, target, "[1,2,3]", "application/json", HttpStatusCode.BadRequest, "body");
        yield return new Probe(method, target, "{}", "text/plain", HttpStatusCode.UnsupportedMediaType, "body");

        var schema = Resolve(json.GetProperty("schema"), document);
        if (!schema.TryGetProperty("properties", out var properties))
        {
            yield break;
        }

        foreach (var property in properties.EnumerateObject())
        {
            var kind = KindOf(Resolve(property.Value, document));
            var wrongType = kind is ValueKind.Text or ValueKind.Guid ? "12345" : "\"abc\"";
            yield return new Probe(method, target, $"{{\"{property.Name}\":{wrongType}}}", "application/json", HttpStatusCode.BadRequest, property.Name);
            if (kind == ValueKind.Guid)
            {
                yield return new Probe(method, target, $"{{\"{property.Name}\":\"nope\"}}", "application/json", HttpStatusCode.BadRequest, property.Name);
            }

            if (kind == ValueKind.Text)
            {
                yield return new Probe(method, target, new JsonObject { [property.Name] = new string('a', 100_000) }.ToJsonString(), "application/json", null, null);
            }
        }
    }

    private static JsonElement Resolve(JsonElement schema, JsonElement document) =>
        schema.TryGetProperty("$ref", out var reference)
            ? document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;

    private enum ValueKind
    {
        Text,
        Guid,
        Integer,
        Number,
        Boolean,
    }

    /// <summary>
    /// What a schema holds. The format decides first: a number may be documented as <c>["integer", "string"]</c> with a
    /// pattern (.NET's default, since it reads numbers from strings too; ServiceDefaults documents numbers as numbers).
    /// </summary>
    private static ValueKind KindOf(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return ValueKind.Text;
        }

        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var types = !schema.TryGetProperty("type", out var type) ? []
            : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).ToList()
            : [type.GetString()];
        return format switch
        {
            "uuid" => ValueKind.Guid,
            "int32" or "int64" or "int16" => ValueKind.Integer,
            "double" or "float" or "decimal" => ValueKind.Number,
            _ when types.Contains("boolean") => ValueKind.Boolean,
            _ when types.Contains("integer") => ValueKind.Integer,
            _ when types.Contains("number") => ValueKind.Number,
            _ => ValueKind.Text,
        };
    }

    private static string WellFormed(ValueKind kind) => kind switch
    {
        ValueKind.Guid => Guid.NewGuid().ToString(),
        ValueKind.Integer or ValueKind.Number => "1",
        ValueKind.Boolean => "true",
        _ => "x",
    };

    /// <summary>Values of the wrong shape (a 400 naming the field), and odd but well-typed ones (anything but a 5xx).</summary>
    private static IEnumerable<(string Value, bool Malformed)> MalformedValues(ValueKind kind) => kind switch
    {
        ValueKind.Guid => [("not-a-guid", true), ("00000000-0000-0000-0000-00000000000g", true), (Overlong, true)],
        ValueKind.Integer => [("abc", true), ("1.5", true), ("99999999999999999999", true), ("-2147483648", false), ("2147483647", false)],
        ValueKind.Number => [("abc", true), ("1e999", true), ("NaN", true), ("-1e308", false)],
        ValueKind.Boolean => [("maybe", true), ("2", true)],
        _ => [(Overlong, false), ("\u202e\u0000%", false), ("", false)],
    };
}
