using System.Text.Json;
using AudioPlatform.Training;

namespace AudioPlatform.Classification.Tests;

/// <summary>
/// Engine outputs of generated held-out pieces (TimGM6mb soundfont, never trained on), saved from the training cache
/// so these tests need no rendering: Fixtures/*.features.json.
/// </summary>
internal static class Fixtures
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static CachedFeatures Load(string name) =>
        JsonSerializer.Deserialize<CachedFeatures>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", $"{name}.features.json")), Json)!;

    public static CachedFeatures HeldOutHouse() => Load("house");

    public static CachedFeatures HeldOutClassical() => Load("classical");

    public static CachedFeatures HeldOutTechno() => Load("techno");
}
