using AudioPlatform.Engine.Tests.Rhythm;
using AudioPlatform.Engine.Tonal;

namespace AudioPlatform.Engine.Tests.Tonal;

[Collection(RenderedPiecesCollection.Name)]
public class RenderedPieceKeyTests(RenderedPieces pieces)
{
    [SkippableFact]
    public void Rendered_pieces_have_their_key()
    {
        Skip.If(pieces.SkipReason is not null, pieces.SkipReason);

        var wrong = pieces.Results.Where(r => r.Analysis.Key != r.Truth.Key)
            .Select(r => $"{r.Truth.Id}: {r.Analysis.Key}, expected {r.Truth.Key} ({r.Truth.Progression})").ToList();
        // One miss in eight is within the 0.85 weighted-score target; more is a regression.
        Assert.True(wrong.Count <= 1, string.Join("; ", wrong));
    }

    [SkippableFact]
    public void Camelot_of_rendered_pieces_matches_their_key_name()
    {
        Skip.If(pieces.SkipReason is not null, pieces.SkipReason);

        foreach (var (_, analysis) in pieces.Results)
        {
            Assert.True(MusicalKey.TryParse(analysis.Key, out var key), analysis.Key);
            Assert.Equal(key.Camelot, analysis.Camelot);
        }
    }
}
