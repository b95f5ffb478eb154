using System.Security.Claims;
using AudioPlatform.Identity.Apis;
using AudioPlatform.Identity.Model;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AudioPlatform.Identity.Pages.Connect;

/// <summary>The device flow's verification page: the signed-in user confirms the code the CLI shows.</summary>
[Authorize]
public sealed class VerifyModel(IOpenIddictApplicationManager applications, UserManager<ApplicationUser> users) : PageModel
{
    public const string CodeField = "user_code";

    private const string InvalidCode = "This code is not valid or has expired. Check it on your device and try again.";

    public string? ApplicationName { get; private set; }

    public string? Scope { get; private set; }

    public string? UserCode { get; private set; }

    /// <summary>A code that was not valid, shown again in the field to be corrected.</summary>
    public string? EnteredCode { get; private set; }

    public FormErrors Errors { get; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        var request = HttpContext.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
        if (string.IsNullOrEmpty(request.UserCode))
        {
            return Page();
        }

        var result = await HttpContext.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        // An unknown or expired code authenticates without a client: that is the "not valid" case, not an error.
        if (result.Succeeded && result.Principal.GetClaim(Claims.ClientId) is { Length: > 0 } clientId
            && await applications.FindByClientIdAsync(clientId) is { } application)
        {
            ApplicationName = await applications.GetLocalizedDisplayNameAsync(application);
            Scope = string.Join(" ", result.Principal.GetScopes());
            UserCode = request.UserCode;
            return Page();
        }

        EnteredCode = request.UserCode;
        Errors.Add(CodeField, InvalidCode);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "decision")] string? decision)
    {
        var result = await HttpContext.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var user = await users.GetUserAsync(User);
        if (!result.Succeeded || string.IsNullOrEmpty(result.Principal.GetClaim(Claims.ClientId)) || user is null)
        {
            Errors.Add(null, InvalidCode);
            return Page();
        }

        var properties = new AuthenticationProperties { RedirectUri = "/account/signedin" };
        if (decision != "allow")
        {
            return Forbid(properties, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        var identity = await ConnectApi.CreateIdentityAsync(users, user, result.Principal.GetScopes());
        return SignIn(new ClaimsPrincipal(identity), properties, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
