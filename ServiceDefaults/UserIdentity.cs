using System.Security.Claims;

namespace Microsoft.Extensions.Hosting;

public static class UserIdentityExtensions
{
    /// <summary>
    /// The signed-in user's id: the validated token's <c>sub</c> claim, and nothing a client can put
    /// in a path or a body. Null when the request is not authenticated.
    /// </summary>
    public static string? GetUserId(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
            ? user.FindFirstValue("sub") ?? user.FindFirstValue(ClaimTypes.NameIdentifier)
            : null;
}
