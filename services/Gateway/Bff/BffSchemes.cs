namespace AudioPlatform.Gateway.Bff;

/// <summary>The authentication schemes of the Gateway and the names the SPA relies on.</summary>
public static class BffSchemes
{
    /// <summary>The web session: a small HttpOnly cookie naming a server-side ticket that holds the tokens.</summary>
    public const string Session = "bff-session";

    /// <summary>The OpenID Connect client of Identity that signs the web user in.</summary>
    public const string OpenIdConnect = "bff-oidc";

    /// <summary>Either of the two ways a request names its user: a bearer token (CLI, scripts) or the web session.</summary>
    public const string BearerOrSession = "bearer-or-session";

    /// <summary>
    /// The header every state-changing API request made with the session cookie must carry. A page
    /// on another site cannot add it without a CORS preflight, which the Gateway does not grant.
    /// </summary>
    public const string AntiforgeryHeader = "X-CSRF";

    public const string AntiforgeryHeaderValue = "1";
}
