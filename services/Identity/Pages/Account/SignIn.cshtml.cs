using AudioPlatform.Identity.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AudioPlatform.Identity.Pages.Account;

public sealed class SignInModel(SignInManager<ApplicationUser> signIn, ILogger<SignInModel> logger) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password))
        {
            Error = "Enter your email address and your password.";
            return Page();
        }

        // Lockout counts every failure, so guessing stops after a few attempts per account.
        var result = await signIn.PasswordSignInAsync(Email.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/account/signedin");
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning("Sign-in refused: the account is locked out");
            Error = "This account is locked because of too many failed sign-ins. Try again later.";
            return Page();
        }

        Error = "The email address or the password is not correct.";
        return Page();
    }
}
