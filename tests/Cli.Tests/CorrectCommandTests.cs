using System.Globalization;
using System.Text.Json;
using AudioPlatform.Cli.Server;

namespace AudioPlatform.Cli.Tests;

/// <summary><c>correct</c>: its arguments, the body it sends, and how it prints which values are the owner's.</summary>
public sealed class CorrectCommandTests
{
    private const string A = "0b6d1c9e-2f6e-4f0c-9a57-3f1d2e4c5b6a";

    [Fact]
    public void Every_value_goes_into_the_body_under_the_apis_name()
    {
        var arguments = ServerArguments.ParseCorrect([A, "--tempo", "170", "--key", "A minor", "--meter", "7/8", "--genre", "techno", "--mood", "dark", "--instruments", "Piano, drums"]);

        var body = JsonSerializer.Serialize(arguments.Body(currentTempoBpm: null));

        Assert.Equal(Guid.Parse(A), arguments.TrackId);
        Assert.Equal("""{"tempoBpm":170,"key":"A minor","timeSignature":"7/8","genre":"techno","mood":"dark","instruments":["piano","drums"]}""", body);
        Assert.Empty(arguments.Clear);
    }

    [Theory]
    [InlineData("--double", 85.0, 170.0)]
    [InlineData("--half", 173.5, 86.75)]
    public void Double_and_half_work_from_the_tempo_as_it_reads_now(string option, double current, double sent)
    {
        var body = ServerArguments.ParseCorrect([A, option]).Body(current);

        Assert.Equal(sent, (double)body["tempoBpm"]);
        Assert.Single(body);
    }

    [Fact]
    public void Doubling_a_track_without_a_tempo_fails_with_a_reason() =>
        Assert.Contains("no tempo", Assert.Throws<CliFailure>(() => ServerArguments.ParseCorrect([A, "--double"]).Body(null)).Message);

    [Fact]
    public void Clear_names_the_apis_fields_and_all_clears_each()
    {
        Assert.Equal(["tempoBpm", "timeSignature"], ServerArguments.ParseCorrect([A, "--clear", "tempo,Meter"]).Clear);
        Assert.Equal(6, ServerArguments.ParseCorrect([A, "--clear", "all"]).Clear.Count);
        Assert.False(ServerArguments.ParseCorrect([A, "--clear", "key"]).SetsSomething);
    }

    [Theory]
    [InlineData(A)]
    [InlineData(A, "--tempo", "170", "--double")]
    [InlineData(A, "--double", "--half")]
    [InlineData(A, "--clear", "loudness")]
    [InlineData(A, "--tempo", "fast")]
    [InlineData("not-a-track", "--tempo", "170")]
    public void A_correct_command_line_that_cannot_mean_anything_is_a_usage_error(params string[] args) =>
        Assert.Throws<UsageException>(() => ServerArguments.ParseCorrect(args));

    [Fact]
    public void The_owners_values_are_printed_with_what_the_analysis_said()
    {
        var track = JsonDocument.Parse("""
            { "corrections": {
                "tempoBpm": { "value": 174, "analysisValue": 87, "source": "preference" },
                "key": { "value": "A minor", "analysisValue": "C major", "source": "user" },
                "genre": { "value": ["techno"], "analysisValue": [{ "name": "house", "confidence": 0.6 }], "source": "user" },
                "mood": null } }
            """).RootElement;
        using var output = new StringWriter(CultureInfo.InvariantCulture);

        CorrectCommand.WriteCorrections(output, track);

        Assert.Equal(
            ["your preference: tempoBpm 174 (analysis: 87)", "yours: key A minor (analysis: C major)", "yours: genre techno (analysis: house)"],
            output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_track_without_corrections_says_so()
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        CorrectCommand.WriteCorrections(output, JsonDocument.Parse("""{ "corrections": null }""").RootElement);
        Assert.Contains("No corrections", output.ToString());
    }

    [Fact]
    public void Labels_learned_from_the_owners_corrections_are_printed_with_their_confidence_or_why_not_sure()
    {
        var track = JsonDocument.Parse("""
            { "learnedLabels": {
                "genre": { "name": "techno", "confidence": 0.72, "runnerUp": "ambient", "basedOn": 6, "notSure": null, "corrected": false },
                "mood": { "name": null, "confidence": null, "runnerUp": null, "basedOn": 4, "notSure": "between dark and calm", "corrected": false } } }
            """).RootElement;
        using var output = new StringWriter(CultureInfo.InvariantCulture);

        CorrectCommand.WriteLearnedLabels(output, track);

        Assert.Equal(
            ["learned genre: techno (72 %, else ambient) · based on 6 of your tracks", "learned mood: not sure (between dark and calm) · based on 4 of your tracks"],
            output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("""{ "learnedLabels": null }""")]
    [InlineData("""{ "learnedLabels": { "genre": { "name": "techno", "confidence": 1, "runnerUp": null, "basedOn": 6, "notSure": null, "corrected": true }, "mood": null } }""")]
    public void Nothing_learned_is_printed_for_too_few_labels_or_a_value_the_owner_set(string json)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        CorrectCommand.WriteLearnedLabels(output, JsonDocument.Parse(json).RootElement);
        Assert.Equal("", output.ToString());
    }
}
