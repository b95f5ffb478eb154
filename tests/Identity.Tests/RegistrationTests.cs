using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AudioPlatform.Identity.Tests;

[Collection(IdentityCollection.Name)]
public sealed class RegistrationTests(IdentityFixture fixture)
{
    private IdentityHost Host => fixture.Host;

    private async Task<(HttpStatusCode Status, string? MediaType, JsonElement Body)> RegisterAsync(string? email, string? password)
    {
        using var client = Host.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
    }

    [Fact]
    public async Task Registration_creates_the_account_with_the_email_as_user_name()
    {
        var email = $"new-{Guid.NewGuid():N}@example.com";

        var (status, _, body) = await RegisterAsync(email, "a long enough passphrase");

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(email, body.GetProperty("email").GetString());
    }

    [Theory]
    [InlineData("short pw")]
    [InlineData("123456789")]
    public async Task A_password_shorter_than_10_characters_is_refused_with_a_field_error(string password)
    {
        var (status, mediaType, body) = await RegisterAsync($"short-{Guid.NewGuid():N}@example.com", password);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", mediaType);
        Assert.Contains("10", body.GetProperty("errors").GetProperty("password")[0].GetString());
    }

    [Fact]
    public async Task A_64_character_passphrase_is_accepted_and_one_over_256_is_refused()
    {
        var accepted = await RegisterAsync($"long-{Guid.NewGuid():N}@example.com", new string('p', 60) + "1234");
        var (status, _, body) = await RegisterAsync($"long-{Guid.NewGuid():N}@example.com", new string('p', 257));

        Assert.Equal(HttpStatusCode.Created, accepted.Status);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("256", body.GetProperty("errors").GetProperty("password")[0].GetString());
    }

    [Theory]
    [InlineData("1234567890")]
    [InlineData("qwertyuiop")]
    [InlineData("QwertyUiop")]
    [InlineData("password123")]
    public async Task A_common_password_is_refused_with_a_field_error(string password)
    {
        var (status, mediaType, body) = await RegisterAsync($"common-{Guid.NewGuid():N}@example.com", password);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", mediaType);
        Assert.Contains("common", body.GetProperty("errors").GetProperty("password")[0].GetString());
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("two@@example.com")]
    [InlineData("no-domain-dot@example")]
    [InlineData("Someone <someone@example.com>")]
    [InlineData("")]
    public async Task A_bad_email_is_refused_with_a_field_error(string email)
    {
        var (status, mediaType, body) = await RegisterAsync(email, "a long enough passphrase");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", mediaType);
        Assert.True(body.GetProperty("errors").TryGetProperty("email", out _));
    }

    [Fact]
    public async Task An_email_registered_again_in_another_case_is_a_problem_details_409()
    {
        var local = $"dup-{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync($"{local}@example.com", "a long enough passphrase")).Status);

        var (status, mediaType, body) = await RegisterAsync($"{local.ToUpperInvariant()}@EXAMPLE.com", "another long passphrase");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("application/problem+json", mediaType);
        Assert.Equal(409, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Me_without_a_token_is_a_401()
    {
        using var client = Host.CreateClient();

        using var response = await client.GetAsync("/api/v1/auth/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
