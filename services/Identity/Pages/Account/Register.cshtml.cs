using AudioPlatform.Identity.Infrastructure;
using AudioPlatform.Identity.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AudioPlatform.Identity.Pages.Account;

public sealed class RegisterModel(UserRegistration registration, SignInManager<ApplicationUser> signIn) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public List<string> Errors { get; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var outcome = await registration.RegisterAsync(Email, Password);
        if (outcome.User is { } user)
        {
            await signIn.SignInAsync(user, isPersistent: false);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/account/signedin");
        }

        if (outcome.EmailTaken)
        {
            Errors.Add("An account with this email address already exists. Sign in instead.");
        }

        Errors.AddRange(outcome.Errors.SelectMany(field => field.Value));
        return Page();
    }
}
