using AudioPlatform.Engine.Tonal;

namespace AudioPlatform.Engine.Tests.Tonal;

public class CamelotTests
{
    [Theory]
    [InlineData(0, KeyMode.Major, "8B", "C major")]
    [InlineData(9, KeyMode.Minor, "8A", "A minor")]
    [InlineData(7, KeyMode.Major, "9B", "G major")]
    [InlineData(4, KeyMode.Minor, "9A", "E minor")]
    [InlineData(5, KeyMode.Major, "7B", "F major")]
    [InlineData(2, KeyMode.Minor, "7A", "D minor")]
    [InlineData(11, KeyMode.Major, "1B", "B major")]
    [InlineData(8, KeyMode.Minor, "1A", "G# minor")]
    [InlineData(6, KeyMode.Major, "2B", "F# major")]
    [InlineData(3, KeyMode.Minor, "2A", "Eb minor")]
    [InlineData(1, KeyMode.Major, "3B", "Db major")]
    [InlineData(10, KeyMode.Minor, "3A", "Bb minor")]
    [InlineData(8, KeyMode.Major, "4B", "Ab major")]
    [InlineData(5, KeyMode.Minor, "4A", "F minor")]
    [InlineData(3, KeyMode.Major, "5B", "Eb major")]
    [InlineData(0, KeyMode.Minor, "5A", "C minor")]
    [InlineData(10, KeyMode.Major, "6B", "Bb major")]
    [InlineData(7, KeyMode.Minor, "6A", "G minor")]
    [InlineData(2, KeyMode.Major, "10B", "D major")]
    [InlineData(11, KeyMode.Minor, "10A", "B minor")]
    [InlineData(9, KeyMode.Major, "11B", "A major")]
    [InlineData(6, KeyMode.Minor, "11A", "F# minor")]
    [InlineData(4, KeyMode.Major, "12B", "E major")]
    [InlineData(1, KeyMode.Minor, "12A", "C# minor")]
    public void Every_key_has_its_camelot_code_and_name(int tonic, KeyMode mode, string camelot, string name)
    {
        var key = new MusicalKey(tonic, mode);

        Assert.Equal(camelot, key.Camelot);
        Assert.Equal(name, key.Name);
    }

    [Fact]
    public void Camelot_codes_parse_back_to_their_keys()
    {
        for (var tonic = 0; tonic < 12; tonic++)
        {
            foreach (var mode in new[] { KeyMode.Major, KeyMode.Minor })
            {
                var key = new MusicalKey(tonic, mode);
                Assert.True(MusicalKey.TryParse(key.Camelot, out var parsed));
                Assert.Equal(key, parsed);
                Assert.True(MusicalKey.TryParse(key.Name, out var byName));
                Assert.Equal(key, byName);
            }
        }
    }

    [Theory]
    [InlineData("Am", 9, KeyMode.Minor)]
    [InlineData("Bbm", 10, KeyMode.Minor)]
    [InlineData("C#", 1, KeyMode.Major)]
    [InlineData("F# major", 6, KeyMode.Major)]
    public void Tag_spellings_parse(string text, int tonic, KeyMode mode)
    {
        Assert.True(MusicalKey.TryParse(text, out var key));
        Assert.Equal(new MusicalKey(tonic, mode), key);
    }

    [Fact]
    public void Neighbours_on_the_wheel_are_a_fifth_apart()
    {
        for (var tonic = 0; tonic < 12; tonic++)
        {
            var here = Camelot.Number(new MusicalKey(tonic, KeyMode.Major));
            var fifthUp = Camelot.Number(new MusicalKey((tonic + 7) % 12, KeyMode.Major));
            Assert.Equal(here % 12 + 1, fifthUp);
        }
    }
}
