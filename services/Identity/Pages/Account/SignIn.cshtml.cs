using AudioPlatform.Identity.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AudioPlatform.Identity.Pages.Account;

public sealed class SignInModel(PasswordSignIn passwords) : PageModel
{
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
        if (string.IsNullOrWhiteSpace(Email))
        {
            Errors.Add(FormErrors.EmailField, "Enter your email address.");
        }

        if (string.IsNullOrEmpty(Password))
        {
            Errors.Add(FormErrors.PasswordField, "Enter your password.");
        }

        if (Errors.Any)
        {
            return Page();
        }

        // The same words whether the address has an account or not, and whether the password was wrong
        // or never looked at: nothing here tells anyone which addresses are registered.
        var attempt = await passwords.SignInAsync(Email!.Trim(), Password!, HttpContext.Connection.RemoteIpAddress);
        if (attempt.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/account/signedin");
        }

        if (attempt.RetryAfter is { } wait)
        {
            Errors.Add(null, $"Too many failed sign-ins. Try again in {SignInThrottle.Describe(wait)}. Devices that are already signed in stay signed in.");
            return this.TooManyRequests(wait);
        }

        Errors.Add(null, "The email address or the password is not correct.");
        return Page();
    }
}
