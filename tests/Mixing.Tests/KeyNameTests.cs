namespace AudioPlatform.Mixing.Tests;

public sealed class KeyNameTests
{
    [Theory]
    [InlineData("A minor", "A minor", "8A")]
    [InlineData("am", "A minor", "8A")]
    [InlineData("C", "C major", "8B")]
    [InlineData("F#m", "F# minor", "11A")]
    [InlineData("Gb minor", "F# minor", "11A")]
    [InlineData("A# major", "Bb major", "6B")]
    [InlineData("Db", "Db major", "3B")]
    [InlineData("g# min", "G# minor", "1A")]
    [InlineData("8A", "A minor", "8A")]
    [InlineData("11a", "F# minor", "11A")]
    [InlineData("1B", "B major", "1B")]
    [InlineData(" E  major ", "E major", "12B")]
    public void A_typed_key_reads_as_the_analysis_names_it_with_its_camelot_code(string typed, string name, string camelot)
    {
        Assert.True(KeyName.TryParse(typed, out var parsed, out var code));
        Assert.Equal((name, camelot), (parsed, code.ToString()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("H minor")]
    [InlineData("A dorian")]
    [InlineData("13A")]
    public void Anything_else_is_not_a_key(string? typed) => Assert.False(KeyName.TryParse(typed, out _, out _));
}
