using AudioPlatform.Identity.Infrastructure;
using AudioPlatform.Identity.Model;
using AudioPlatform.ServiceDefaults;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AudioPlatform.Identity.Extensions;

internal static class Extensions
{
    public const string ApiPolicy = "api";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddMessaging(typeof(Program).Assembly);

        var settings = builder.Configuration.GetSection(IdentityServiceOptions.SectionName).Get<IdentityServiceOptions>() ?? new();
        var development = builder.Environment.IsDevelopment();
        settings.Issuer = IssuerOrDefault(settings.Issuer, development);
        builder.Services.AddOptions<IdentityServiceOptions>()
            .BindConfiguration(IdentityServiceOptions.SectionName)
            .PostConfigure(options => options.Issuer = IssuerOrDefault(options.Issuer, development))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var database = DatabaseProvider.FromConnectionString(builder.Configuration.GetConnectionString(ResourceNames.IdentityDatabase));
        database.PrepareStorage();
        builder.Services.AddSingleton(database);
        builder.Services.AddDbContext<IdentityStore>(database.Configure);
        builder.Services.AddHostedService<DatabaseInitializer>();

        // Replicas share the key ring through Redis (the AppHost gives Identity one); a single Identity without Redis
        // keeps it in the key folder. The signing and encryption certificates are files every replica loads.
        var keyDirectory = KeyDirectory(settings, database);
        builder.AddSharedDataProtection("AudioPlatform.Identity", alone: keys =>
            keys.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(keyDirectory, "data-protection"))));

        builder.AddUsers();
        builder.AddTokenServer(settings, keyDirectory);
        builder.AddSignInRateLimiting(settings);
        builder.AddProductionRule<IdentityServiceOptions>(ProductionRules.UnsafeIdentitySettings);
        builder.AddProductionRule(_ => ProductionRules.DefaultDatabasePassword(database));

        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            // The Gateway (YARP, on this machine) says which host the browser used, so redirects to
            // the sign-in page point at the Gateway. Only loopback proxies are trusted (the default).
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
        });

        builder.Services.AddRazorPages();
        builder.Services.AddScoped<UserRegistration>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<RevocationAnnouncer>();
    }

    private static void AddUsers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddIdentity<ApplicationUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.User.AllowedUserNameCharacters = string.Empty;

                // Length and a list of common passwords, no composition rules (NIST SP 800-63B, ASVS 5 V6.2).
                options.Password.RequiredLength = 10;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;

                // Failed passwords never lock the account (SignInThrottle slows the guessing instead, and a
                // locked account used to lose its sessions); a lockout an operator sets still refuses sign-in.
                options.Lockout.AllowedForNewUsers = true;

                options.SignIn.RequireConfirmedAccount = false;

                options.ClaimsIdentity.UserNameClaimType = Claims.Name;
                options.ClaimsIdentity.UserIdClaimType = Claims.Subject;
                options.ClaimsIdentity.RoleClaimType = Claims.Role;
                options.ClaimsIdentity.EmailClaimType = Claims.Email;
            })
            .AddEntityFrameworkStores<IdentityStore>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<CommonPasswordValidator>();

        // Identity's own cookie is checked against the security stamp on every request (it is used on the
        // sign-in pages and the authorization endpoint only), so signing out everywhere ends it at once.
        builder.Services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);
        builder.Services.TryAddSingleton(TimeProvider.System);
        if (builder.AddSharedStateStore())
        {
            builder.Services.AddSingleton<ISignInThrottle, RedisSignInThrottle>();
        }
        else
        {
            builder.Services.AddSingleton<ISignInThrottle, MemorySignInThrottle>();
        }

        builder.Services.AddScoped<PasswordSignIn>();

        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "audioplatform.identity";
            options.Cookie.HttpOnly = true;
            // Lax, not Strict: the browser comes back to /connect/authorize from the client's site.
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = "/account/signin";
            options.LogoutPath = "/connect/endsession";
            options.AccessDeniedPath = "/account/signin";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = false;
        });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, policy => policy
                .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser());
    }

    private static void AddTokenServer(this IHostApplicationBuilder builder, IdentityServiceOptions settings, string keyDirectory)
    {
        builder.Services.AddOpenIddict()
            .AddCore(core =>
            {
                core.UseEntityFrameworkCore().UseDbContext<IdentityStore>();
                // Every revocation is announced to the services that validate tokens locally.
                core.ReplaceTokenManager(typeof(RevocationAnnouncingTokenManager<>));
            })
            .AddServer(server =>
            {
                // Fixed, so tokens carry the same issuer whether a request came through the Gateway
                // or straight from a service (the endpoints in the discovery document follow the
                // address it was asked on, so services fetch the keys from Identity directly).
                if (Uri.TryCreate(settings.Issuer, UriKind.Absolute, out var issuer))
                {
                    server.SetIssuer(issuer);
                }

                server.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetDeviceAuthorizationEndpointUris("connect/device")
                    .SetEndUserVerificationEndpointUris("connect/verify")
                    .SetRevocationEndpointUris("connect/revoke")
                    .SetIntrospectionEndpointUris("connect/introspect")
                    .SetEndSessionEndpointUris("connect/endsession")
                    .SetUserInfoEndpointUris("connect/userinfo");

                // No password grant, no implicit or hybrid flow: they are simply not enabled.
                server.AllowAuthorizationCodeFlow()
                    .AllowRefreshTokenFlow()
                    .AllowDeviceAuthorizationFlow()
                    .RequireProofKeyForCodeExchange();
                server.Configure(options =>
                {
                    options.CodeChallengeMethods.Clear();
                    options.CodeChallengeMethods.Add(CodeChallengeMethods.Sha256);
                });

                server.RegisterScopes(Scopes.OpenId, Scopes.Email, Scopes.Profile, Scopes.OfflineAccess, PlatformScopes.Api);
                server.RegisterAudiences(PlatformAuthentication.Audience);

                server.SetAccessTokenLifetime(settings.AccessTokenLifetime)
                    .SetRefreshTokenLifetime(settings.RefreshTokenLifetime)
                    .DisableSlidingRefreshTokenExpiration()
                    // A redeemed refresh token presented again is a theft signal: no grace period,
                    // the whole family (the authorization's tokens) is revoked.
                    .SetRefreshTokenReuseLeeway(TimeSpan.Zero);

                // Configured certificates, or else ones generated in the key folder, except in Production where
                // none is generated: the production rules refuse to start without configured ones.
                var production = builder.Environment.IsProduction();
                foreach (var certificate in SigningKeys.LoadConfigured(settings.SigningCertificates, $"{IdentityServiceOptions.SectionName}:{nameof(settings.SigningCertificates)}")
                    is { Count: > 0 } signing ? signing : production ? [] : [SigningKeys.LoadOrCreateSigning(keyDirectory)])
                {
                    server.AddSigningCertificate(certificate);
                }

                foreach (var certificate in SigningKeys.LoadConfigured(settings.EncryptionCertificates, $"{IdentityServiceOptions.SectionName}:{nameof(settings.EncryptionCertificates)}")
                    is { Count: > 0 } encryption ? encryption : production ? [] : [SigningKeys.LoadOrCreateEncryption(keyDirectory)])
                {
                    server.AddEncryptionCertificate(certificate);
                }

                // Access tokens stay signed JWTs so that every service validates them locally.
                server.DisableAccessTokenEncryption();

                var aspNetCore = server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndUserVerificationEndpointPassthrough();
                if (settings.AllowInsecureHttp)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(validation =>
            {
                // /api/v1/auth/* here: validated by the local server, and checked against the token
                // store, so a revoked token is refused at once.
                validation.UseLocalServer();
                validation.EnableTokenEntryValidation();
                validation.EnableAuthorizationEntryValidation();
                validation.UseAspNetCore()
                    .DisableAccessTokenExtractionFromQueryString()
                    .DisableAccessTokenExtractionFromBodyForm();
            });
    }

    private static string? IssuerOrDefault(string? issuer, bool development) =>
        string.IsNullOrEmpty(issuer) && development ? PlatformAuthentication.DevelopmentIssuer : issuer;

    /// <summary>
    /// Next to the SQLite file in local mode (the data folder the AppHost chose); otherwise the
    /// configured folder, or the user's data folder.
    /// </summary>
    private static string KeyDirectory(IdentityServiceOptions settings, DatabaseProvider database)
    {
        var directory = settings.KeyDirectory is { Length: > 0 } configured ? Path.GetFullPath(configured)
            : database.DataDirectory is { } data ? Path.Combine(data, "identity-keys")
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "audioplatform", "identity-keys");
        Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return directory;
    }
}
