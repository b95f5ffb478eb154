namespace AudioPlatform.Identity.Model;

/// <summary>What tokens are for.</summary>
public static class PlatformScopes
{
    /// <summary>The scope a client asks for to call the platform's API.</summary>
    public const string Api = "api";

    /// <summary>The audience of every access token: the services behind the Gateway.</summary>
    public const string ApiAudience = "audioplatform-api";
}
