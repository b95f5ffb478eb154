using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;

namespace AudioPlatform.ServiceDefaults.Tests;

/// <summary>
/// A service built on the service defaults, with endpoints shaped like the platform's (typed query values, a query
/// record, a guid in the route, a JSON body), answering malformed requests: a 400 validation problem naming the
/// field, in Development (where minimal APIs throw on a binding failure) as in Production (where they do not).
/// </summary>
public sealed class MalformedRequestTests
{
    public static TheoryData<string> Environments => new() { "Development", "Production" };

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task A_query_value_that_is_not_a_number_is_a_400_naming_the_field(string environment)
    {
        await using var service = await ServiceAsync(environment);

        using var response = await service.GetTestClient().GetAsync("/api/v1/things?limit=abc");

        await AssertValidationProblemAsync(response, HttpStatusCode.BadRequest, "limit");
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task A_query_record_field_that_is_not_a_number_is_a_400_naming_it_as_the_query_spells_it(string environment)
    {
        await using var service = await ServiceAsync(environment);

        using var response = await service.GetTestClient().GetAsync("/api/v1/things/search?bpmMin=abc");

        await AssertValidationProblemAsync(response, HttpStatusCode.BadRequest, "bpmMin");
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task A_route_value_that_is_not_a_guid_is_a_400_naming_it(string environment)
    {
        await using var service = await ServiceAsync(environment);

        using var response = await service.GetTestClient().GetAsync("/api/v1/things/not-a-guid");

        await AssertValidationProblemAsync(response, HttpStatusCode.BadRequest, "thingId");
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task A_missing_body_is_a_400_naming_the_body(string environment)
    {
        await using var service = await ServiceAsync(environment);

        using var response = await service.GetTestClient().PostAsync("/api/v1/things", new StringContent("", Encoding.UTF8, "application/json"));

        await AssertValidationProblemAsync(response, HttpStatusCode.BadRequest, "body");
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task A_body_that_is_not_json_is_a_400_naming_the_body(string environment)
    {
        await using var service = await ServiceAsync(environment);

        using var response = await service.GetTestClient().PostAsync("/api/v1/things", new StringContent("{not json", Encoding.UTF8, "application/json"));

        await AssertValidationProblemAsync(response, HttpStatusCode.BadRequest, "body");
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task A_body_field_of_the_wrong_type_is_a_400_naming_that_field(string environment)
    {
        await using var service = await ServiceAsync(environment);

        using var response = await service.GetTestClient().PostAsync("/api/v1/things",
            new StringContent("""{"thingId":"nope"}""", Encoding.UTF8, "application/json"));

        var problem = await AssertValidationProblemAsync(response, HttpStatusCode.BadRequest, "thingId");
        Assert.DoesNotContain("System.", problem);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task A_body_that_is_not_declared_json_is_a_415_naming_the_body(string environment)
    {
        await using var service = await ServiceAsync(environment);

        using var response = await service.GetTestClient().PostAsync("/api/v1/things",
            new StringContent("""{"thingId":"6b0f8a5e-3c1d-4e2f-9a7b-1c2d3e4f5a6b"}""", Encoding.UTF8, "text/plain"));

        await AssertValidationProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "body");
    }

    [Fact]
    public async Task Well_formed_requests_still_reach_their_endpoints()
    {
        await using var service = await ServiceAsync("Development");
        using var client = service.GetTestClient();

        using var list = await client.GetAsync("/api/v1/things?limit=3");
        using var search = await client.GetAsync("/api/v1/things/search?bpmMin=120.5");
        using var one = await client.GetAsync($"/api/v1/things/{Guid.NewGuid()}");
        using var created = await client.PostAsync("/api/v1/things",
            new StringContent($$"""{"thingId":"{{Guid.NewGuid()}}"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
    }

    [Fact]
    public async Task An_exception_that_is_not_the_clients_fault_is_still_a_500_problem()
    {
        await using var service = await ServiceAsync("Production");

        using var response = await service.GetTestClient().GetAsync("/api/v1/broken");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<string> AssertValidationProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"no error for '{field}': {body}");
        Assert.Contains(messages.EnumerateArray(), message => !string.IsNullOrWhiteSpace(message.GetString()));
        return body;
    }

    private static async Task<WebApplication> ServiceAsync(string environment)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        builder.AddServiceDefaults();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/api/v1/things", (int? limit) => TypedResults.Ok(limit));
        app.MapGet("/api/v1/things/search", ([AsParameters] SearchParameters search) => TypedResults.Ok(search.BpmMin));
        app.MapGet("/api/v1/things/{thingId}", (Guid thingId) => TypedResults.Ok(thingId));
        app.MapPost("/api/v1/things", (ThingRequest request) => TypedResults.Ok(request.ThingId));
        app.MapGet("/api/v1/broken", string () => throw new InvalidOperationException("a bug, not the client's mistake"));
        await app.StartAsync();
        return app;
    }

    private sealed record SearchParameters(string? Q, double? BpmMin, int? Page);

    private sealed record ThingRequest(Guid ThingId);
}
