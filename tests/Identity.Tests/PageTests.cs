using System.Net;

namespace AudioPlatform.Identity.Tests;

[Collection(IdentityCollection.Name)]
public sealed class PageTests(IdentityFixture fixture)
{
    private IdentityHost Host => fixture.Host;

    [Fact]
    public async Task The_pages_have_the_web_apps_look_from_the_web_apps_own_theme_file()
    {
        using var browser = Host.CreateBrowser();

        var html = await browser.GetStringAsync("/account/signin");
        using var theme = await browser.GetAsync("/account/assets/theme.css");

        Assert.Contains("<link rel=\"stylesheet\" href=\"/account/assets/theme.css\">", html);
        Assert.Equal(HttpStatusCode.OK, theme.StatusCode);
        Assert.Equal("text/css", theme.Content.Headers.ContentType?.MediaType);
        var webTheme = await File.ReadAllTextAsync(Path.Combine(Browser.Tests.RepositoryPaths.Root, "web", "src", "theme.css"));
        Assert.Contains("--primary:", webTheme);
        Assert.Equal(webTheme, await theme.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_sign_in_page_has_labelled_email_and_password_fields_and_a_sign_in_button()
    {
        using var browser = Host.CreateBrowser();

        var html = await browser.GetStringAsync("/account/signin");

        Assert.Contains("<label for=\"email\">Email</label>", html);
        Assert.Contains("<input id=\"email\" name=\"Email\" type=\"email\"", html);
        Assert.Contains("<label for=\"password\">Password</label>", html);
        Assert.Contains("<input id=\"password\" name=\"Password\" type=\"password\"", html);
        Assert.Contains("<button type=\"submit\">Sign in</button>", html);
        Oidc.AntiforgeryToken(html);
    }

    [Fact]
    public async Task The_registration_page_creates_an_account_and_signs_in()
    {
        using var browser = Host.CreateBrowser();
        var html = await browser.GetStringAsync("/account/register");
        Assert.Contains("<label for=\"email\">Email</label>", html);
        Assert.Contains("<label for=\"password\">Password</label>", html);
        Assert.Contains("<button type=\"submit\">Create account</button>", html);
        var account = Account.New();

        using var response = await browser.PostAsync("/account/register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = account.Email,
            ["Password"] = account.Password,
            ["__RequestVerificationToken"] = Oidc.AntiforgeryToken(html),
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/signedin", response.Headers.Location?.ToString());
        var tokens = await Oidc.SignInAsync(Host, account);
        Assert.False(tokens.IsError);
    }

    [Fact]
    public async Task The_registration_page_shows_why_a_password_is_refused()
    {
        using var browser = Host.CreateBrowser();
        var html = await browser.GetStringAsync("/account/register");

        using var response = await browser.PostAsync("/account/register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = Account.New().Email,
            ["Password"] = "1234567890",
            ["__RequestVerificationToken"] = Oidc.AntiforgeryToken(html),
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("role=\"alert\"", page);
        Assert.Contains("most common passwords", page);
    }

    [Theory]
    [InlineData("/account/signin")]
    [InlineData("/account/register")]
    public async Task A_form_posted_without_the_antiforgery_token_is_refused(string path)
    {
        using var browser = Host.CreateBrowser();
        await browser.GetStringAsync(path);

        using var response = await browser.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = Account.New().Email,
            ["Password"] = "a long enough passphrase",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_shows_a_clear_error()
    {
        var account = Account.New();
        await Host.RegisterAsync(account);
        using var browser = Host.CreateBrowser();
        var html = await browser.GetStringAsync("/account/signin");

        using var response = await Oidc.SubmitSignInAsync(browser, new Uri(Host.Address, "/account/signin"), html, account with { Password = "not the password at all" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The email address or the password is not correct.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task After_5_failed_sign_ins_new_sign_ins_wait_even_with_the_right_password()
    {
        var account = Account.New();
        await Host.RegisterAsync(account);
        using var browser = Host.CreateBrowser();
        var page = new Uri(Host.Address, "/account/signin");

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var form = await browser.GetStringAsync(page);
            using var failed = await Oidc.SubmitSignInAsync(browser, page, form, account with { Password = $"wrong password {attempt}" });
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        var html = await browser.GetStringAsync(page);
        using var response = await Oidc.SubmitSignInAsync(browser, page, html, account);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("Too many failed sign-ins. Try again in 15 minutes.", body);
        Assert.Contains("role=\"alert\"", body);
    }

    [Fact]
    public async Task The_sign_in_page_does_not_redirect_to_another_site()
    {
        var account = Account.New();
        await Host.RegisterAsync(account);
        using var browser = Host.CreateBrowser();
        var page = new Uri(Host.Address, "/account/signin?returnUrl=" + Uri.EscapeDataString("https://evil.example/steal"));
        var html = await browser.GetStringAsync(page);

        using var response = await Oidc.SubmitSignInAsync(browser, page, html, account);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/signedin", response.Headers.Location?.ToString());
    }
}
