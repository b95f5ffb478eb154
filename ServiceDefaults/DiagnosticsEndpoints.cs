using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The diagnostics endpoints (Ingest's bus ping, Notify's read-back of it and its WebSocket echo) are for whoever runs
/// the platform, not for its users: they are mapped only when <c>Diagnostics:Enabled</c> says so (by default in
/// Development only), need a signed-in user, and the Gateway limits how often each user calls them
/// (<c>RateLimits:DiagnosticsPerWindow</c>).
/// </summary>
public static class DiagnosticsEndpoints
{
    public const string EnabledKey = "Diagnostics:Enabled";

    /// <summary><c>Diagnostics:Enabled</c>, or whether this is Development when it is not set.</summary>
    public static bool DiagnosticsEnabled(this WebApplication app) =>
        app.Configuration.GetValue<bool?>(EnabledKey) ?? app.Environment.IsDevelopment();
}
