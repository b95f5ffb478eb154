using AudioPlatform.Identity.Infrastructure;
using AudioPlatform.Identity.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace AudioPlatform.Identity.Pages.Account;

public sealed class RegisterModel(UserRegistration registration, SignInManager<ApplicationUser> signIn, IOptions<IdentityOptions> identity) : PageModel
{
    public int MinPasswordLength => identity.Value.Password.RequiredLength;

    /// <summary>The common passwords long enough to pass the length rule, for the strength hint to name them before the server refuses them.</summary>
    public string CommonPasswords => string.Join('\n', CommonPasswordValidator.AtLeast(MinPasswordLength));

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public FormErrors Errors { get; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var outcome = await registration.RegisterAsync(Email, Password, HttpContext.Connection.RemoteIpAddress);
        if (outcome.User is { } user)
        {
            await signIn.SignInAsync(user, isPersistent: false);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/account/signedin");
        }

        if (outcome.RetryAfter is { } wait)
        {
            Errors.Add(null, $"Too many refused attempts from your network. Try again in {SignInThrottle.Describe(wait)}.");
            return this.TooManyRequests(wait);
        }

        if (outcome.EmailTaken)
        {
            Errors.Add(FormErrors.EmailField, "An account with this email address already exists. Sign in instead.");
        }

        Errors.AddRange(outcome.Errors);
        return Page();
    }
}
