using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;

namespace AudioPlatform.ServiceDefaults.Tests;

/// <summary>
/// The OpenAPI document every service serves, as the web app's generated types need it: numbers are numbers, and
/// the query parameters of a record are named as clients write them.
/// </summary>
public sealed class OpenApiDocumentTests
{
    [Fact]
    public async Task Numbers_are_documented_as_numbers_not_as_number_or_string()
    {
        using var document = await DocumentAsync();

        var schema = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("Measurement");
        var bpm = schema.GetProperty("properties").GetProperty("bpm");
        var count = schema.GetProperty("properties").GetProperty("count");

        Assert.Equal("number", bpm.GetProperty("type").GetString());
        Assert.Equal("integer", count.GetProperty("type").GetString());
        Assert.False(bpm.TryGetProperty("pattern", out _));
    }

    [Fact]
    public async Task The_query_parameters_of_a_record_are_in_camel_case()
    {
        using var document = await DocumentAsync();

        var parameters = document.RootElement.GetProperty("paths").GetProperty("/api/v1/things/search").GetProperty("get")
            .GetProperty("parameters").EnumerateArray().Select(parameter => parameter.GetProperty("name").GetString());

        Assert.Equal(["q", "bpmMin", "page"], parameters);
    }

    private static async Task<JsonDocument> DocumentAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.AddServiceDefaults();
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/api/v1/things/search", ([AsParameters] SearchParameters search) => TypedResults.Ok(new Measurement(search.BpmMin ?? 0, 1)));
        await app.StartAsync();
        using var client = app.GetTestClient();
        return JsonDocument.Parse(await client.GetStringAsync(OpenApiExtensions.DocumentPath));
    }

    private sealed record SearchParameters(string? Q, double? BpmMin, int? Page);

    private sealed record Measurement(double Bpm, int Count);
}
