using System.ComponentModel.DataAnnotations;

namespace AudioPlatform.Gateway.Model;

/// <summary>The <c>Spa</c> section: where the built web app is (<c>web/dist</c>).</summary>
public sealed class SpaOptions
{
    public const string SectionName = "Spa";

    /// <summary>Absolute, or relative to the Gateway's content root (the project folder when run from source).</summary>
    [Required]
    public string RootPath { get; set; } = Path.Combine("..", "..", "web", "dist");
}
