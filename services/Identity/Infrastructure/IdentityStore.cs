using AudioPlatform.Identity.Model;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AudioPlatform.Identity.Infrastructure;

/// <summary>Users (ASP.NET Core Identity) and OpenIddict's applications, authorizations and tokens.</summary>
public sealed class IdentityStore(DbContextOptions<IdentityStore> options) : IdentityDbContext<ApplicationUser>(options);
