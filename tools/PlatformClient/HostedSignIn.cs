using System.Net;
using System.Text.RegularExpressions;

namespace AudioPlatform.PlatformClient;

/// <summary>
/// Identity's hosted pages driven over plain HTTP, as a browser would: redirects followed one at a time (the client
/// must not follow them itself), the sign-in form filled in with its antiforgery token when it shows up.
/// </summary>
public static partial class HostedSignIn
{
    private const int MaxSteps = 10;

    /// <summary>Follows <paramref name="start"/> through sign-in; answers the page it ends on and its address.</summary>
    public static async Task<(Uri Address, string Html)> OpenSignedInAsync(
        HttpClient browser, Uri start, string email, string password, CancellationToken cancellationToken = default)
    {
        var url = start;
        for (var step = 0; step < MaxSteps; step++)
        {
            using var response = await browser.GetAsync(url, cancellationToken);
            var html = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther)
            {
                url = new Uri(url, response.Headers.Location!);
            }
            else if (url.AbsolutePath == "/account/signin")
            {
                using var signedIn = await browser.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["Email"] = email,
                    ["Password"] = password,
                    ["ReturnUrl"] = HiddenField(html, "ReturnUrl") ?? "",
                    ["__RequestVerificationToken"] = HiddenField(html, "__RequestVerificationToken") ?? "",
                }), cancellationToken);
                if (signedIn.StatusCode != HttpStatusCode.Redirect)
                {
                    throw new PlatformClientException($"Signing in as {email} failed: {(int)signedIn.StatusCode}.");
                }

                url = new Uri(url, signedIn.Headers.Location!);
            }
            else if (response.StatusCode == HttpStatusCode.OK)
            {
                return (url, html);
            }
            else
            {
                throw new PlatformClientException($"{url} answered {(int)response.StatusCode}.");
            }
        }

        throw new PlatformClientException($"More than {MaxSteps} redirects from {start}.");
    }

    /// <summary>The value of a form's hidden input, HTML-decoded; null when the page has none of that name.</summary>
    public static string? HiddenField(string html, string name)
    {
        var input = InputTag().Matches(html).Select(match => match.Value)
            .FirstOrDefault(tag => tag.Contains($"name=\"{name}\"", StringComparison.Ordinal));
        var value = input is null ? null : ValueAttribute().Match(input);
        return value is { Success: true } ? WebUtility.HtmlDecode(value.Groups[1].Value) : null;
    }

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputTag();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();
}

public sealed class PlatformClientException(string message) : Exception(message);
