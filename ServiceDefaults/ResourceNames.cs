namespace AudioPlatform.ServiceDefaults;

/// <summary>
/// Names of the Aspire resources, shared by the AppHost (which declares them) and the services
/// (which read the connection strings and service-discovery names derived from them).
/// </summary>
public static class ResourceNames
{
    public const string Gateway = "gateway";
    public const string Identity = "identity";
    public const string Ingest = "ingest";
    public const string Analysis = "analysis";
    public const string Library = "library";
    public const string Notify = "notify";

    public const string Messaging = "messaging";
    public const string IdentityDatabase = "identitydb";
    public const string LibraryDatabase = "librarydb";
    public const string ObjectStorage = "objects";

    /// <summary>The state replicas share: web sessions, key rings, rate-limit windows, Notify's per-user streams.</summary>
    public const string Redis = "redis";

    /// <summary>The services the Gateway routes to, in the order the status page lists them.</summary>
    public static IReadOnlyList<string> Services { get; } = [Identity, Ingest, Analysis, Library, Notify];
}

/// <summary>Environment/configuration keys the AppHost hands to every service.</summary>
public static class PlatformSettings
{
    /// <summary>The infrastructure mode the AppHost chose: <c>local</c> or <c>containers</c>.</summary>
    public const string InfraModeKey = "Infra:Mode";
}
