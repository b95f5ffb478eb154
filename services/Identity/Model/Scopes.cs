namespace AudioPlatform.Identity.Model;

public static class PlatformScopes
{
    /// <summary>The scope a client asks for to call the platform's API (audience <c>audioplatform-api</c>).</summary>
    public const string Api = "api";
}
