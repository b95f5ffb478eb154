using AudioPlatform.Gateway.Model;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using OpenIddict.Validation.AspNetCore;
using StackExchange.Redis;

namespace AudioPlatform.Gateway.Bff;

internal static class BffAuthentication
{
    public const string IdentityClientName = "bff-identity";

    /// <summary>
    /// Who a request is: a bearer token (validated as every service does, so that limits per user
    /// cannot be aimed at someone else with a forged token), or else the web session cookie. The web
    /// session is made by OpenID Connect code + PKCE against Identity, with the tokens kept server-side.
    /// </summary>
    public static void AddBffAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BffOptions>()
            .BindConfiguration(BffOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // The metadata (and with it the keys the id token is checked against) is fetched from here.
        builder.AddProductionRule<BffOptions>(options => ProductionSafetyExtensions.RequireHttps(
            $"{BffOptions.SectionName}:{nameof(options.Authority)}", options.Authority,
            "the Gateway's sign-in would fetch Identity's metadata and redeem codes and refresh tokens unprotected."));

        builder.AddDefaultAuthentication();

        // Token requests are not idempotent: a retried refresh would present a spent refresh token,
        // which Identity takes for theft (the whole sign-in is revoked). So no retries on this client.
        // (RemoveAllResilienceHandlers is marked for evaluation; it is the documented way to undo
        // ConfigureHttpClientDefaults for one client.)
#pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient<IdentityTokenClient>(IdentityClientName).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.AddSharedSessions();
        builder.Services.AddSingleton<ServerSideTicketStore>();
        builder.Services.AddScoped<SessionTokens>();
        builder.Services.TryAddSingleton(TimeProvider.System);

        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = BffSchemes.BearerOrSession;
                options.DefaultAuthenticateScheme = BffSchemes.BearerOrSession;
                options.DefaultChallengeScheme = BffSchemes.Session;
                options.DefaultSignInScheme = BffSchemes.Session;
                options.DefaultSignOutScheme = BffSchemes.Session;
            })
            .AddPolicyScheme(BffSchemes.BearerOrSession, "Bearer token or web session", policy =>
                policy.ForwardDefaultSelector = context => context.Request.Headers.Authorization.Count > 0
                    ? OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme
                    : BffSchemes.Session)
            .AddCookie(BffSchemes.Session)
            .AddOpenIdConnect(BffSchemes.OpenIdConnect, _ => { });

        builder.Services.AddOptions<CookieAuthenticationOptions>(BffSchemes.Session)
            .Configure<IOptions<BffOptions>, ServerSideTicketStore>(ConfigureSessionCookie);
        builder.Services.AddOptions<OpenIdConnectOptions>(BffSchemes.OpenIdConnect)
            .Configure<IOptions<BffOptions>, IHttpClientFactory>(ConfigureOpenIdConnect);
    }

    /// <summary>
    /// The session store and the key ring that protects its entries (and the cookies, the sign-in's correlation and
    /// nonce cookies among them) in Redis when there is one: any Gateway replica then reads a session another started,
    /// and a sign-in that left through one replica may come back through another.
    /// </summary>
    private static void AddSharedSessions(this IHostApplicationBuilder builder)
    {
        builder.AddSharedDataProtection("AudioPlatform.Gateway");
        if (builder.AddSharedStateStore())
        {
            builder.Services.AddStackExchangeRedisCache(cache => cache.InstanceName = SharedStateExtensions.KeyPrefix + "gateway:");
            builder.Services.AddOptions<RedisCacheOptions>().Configure<IConnectionMultiplexer>((cache, redis) =>
                cache.ConnectionMultiplexerFactory = () => Task.FromResult(redis));
        }
        else
        {
            builder.Services.AddDistributedMemoryCache();
        }
    }

    private static void ConfigureSessionCookie(CookieAuthenticationOptions cookie, IOptions<BffOptions> options, ServerSideTicketStore sessions)
    {
        var settings = options.Value;
        cookie.Cookie.Name = settings.CookieName;
        cookie.Cookie.HttpOnly = true;
        // Strict: the SPA and every step of the sign-in are on the Gateway's own site, so the cookie is
        // never needed on a request another site starts.
        cookie.Cookie.SameSite = SameSiteMode.Strict;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.Cookie.IsEssential = true;
        cookie.SessionStore = sessions;
        cookie.ExpireTimeSpan = settings.SessionLifetime;
        cookie.SlidingExpiration = false;

        // An API has no sign-in page to send anyone to: 401 and 403 as problem details.
        cookie.Events.OnRedirectToLogin = context => WriteProblemAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Not signed in.");
        cookie.Events.OnRedirectToAccessDenied = context => WriteProblemAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Not allowed.");
    }

    private static void ConfigureOpenIdConnect(OpenIdConnectOptions oidc, IOptions<BffOptions> options, IHttpClientFactory clients)
    {
        var settings = options.Value;
        var authority = new Uri(settings.Authority, UriKind.Absolute);
        oidc.Authority = authority.ToString();
        oidc.MetadataAddress = new Uri(authority, ".well-known/openid-configuration").ToString();
        // Inside the platform Identity is plain http behind service discovery; browsers never see this address.
        oidc.RequireHttpsMetadata = authority.Scheme == Uri.UriSchemeHttps;
        oidc.Backchannel = clients.CreateClient(IdentityClientName);

        oidc.ClientId = settings.ClientId;
        oidc.ClientSecret = settings.ClientSecret;
        oidc.ResponseType = OpenIdConnectResponseType.Code;
        // Query, not form_post: form_post needs a self-submitting form, i.e. an inline script the CSP forbids.
        oidc.ResponseMode = OpenIdConnectResponseMode.Query;
        oidc.UsePkce = true;
        oidc.SaveTokens = true;
        oidc.MapInboundClaims = false;
        oidc.GetClaimsFromUserInfoEndpoint = false;
        oidc.TokenValidationParameters.NameClaimType = "name";
        oidc.Scope.Clear();
        foreach (var scope in new[] { "openid", "profile", "email", "offline_access", "api" })
        {
            oidc.Scope.Add(scope);
        }

        oidc.CallbackPath = "/signin-oidc";
        oidc.SignedOutCallbackPath = "/signout-callback-oidc";
        oidc.SignedOutRedirectUri = "/";
        oidc.SignInScheme = BffSchemes.Session;
        oidc.SignOutScheme = BffSchemes.Session;

        // Over plain http in development a Secure cookie would not come back; SameSite=None needs Secure.
        // The whole round trip stays on the Gateway's site, so Lax is enough.
        oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
        oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        oidc.NonceCookie.SameSite = SameSiteMode.Lax;
        oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;

        // The discovery document, fetched from Identity directly, lists Identity's own address; the
        // browser must go through the Gateway instead, where Identity's pages and cookie live.
        oidc.Events.OnRedirectToIdentityProvider = context =>
        {
            context.ProtocolMessage.IssuerAddress = PublicAddress(context.Request, "/connect/authorize");
            return Task.CompletedTask;
        };
        oidc.Events.OnRedirectToIdentityProviderForSignOut = context =>
        {
            context.ProtocolMessage.IssuerAddress = PublicAddress(context.Request, "/connect/endsession");
            if (context.Properties.Items.TryGetValue(SessionTokens.IdToken, out var idToken) && idToken is not null)
            {
                context.ProtocolMessage.IdTokenHint = idToken;
            }

            return Task.CompletedTask;
        };
        // A refused or abandoned sign-in (or a stale callback) lands on the app, not on an error page.
        oidc.Events.OnRemoteFailure = context =>
        {
            context.Response.Redirect("/?signin=failed");
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }

    private static string PublicAddress(HttpRequest request, string path) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{path}";

    internal static Task WriteProblemAsync(HttpContext context, int status, string title)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title },
        }).AsTask();
    }
}
