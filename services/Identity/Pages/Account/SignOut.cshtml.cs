using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AudioPlatform.Identity.Pages.Account;

/// <summary>The confirmation of an end-session request that did not name the session (no id_token_hint).</summary>
public sealed class SignOutModel : PageModel
{
    private static readonly string[] Forwarded = ["client_id", "post_logout_redirect_uri", "state", "ui_locales"];

    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; private set; } = [];

    public void OnGet() =>
        Parameters = Forwarded
            .Where(name => Request.Query.ContainsKey(name))
            .Select(name => KeyValuePair.Create(name, Request.Query[name].ToString()))
            .ToList();
}
