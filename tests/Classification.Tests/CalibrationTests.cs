using AudioPlatform.Training;

namespace AudioPlatform.Classification.Tests;

public sealed class CalibrationTests
{
    [Fact]
    public void Expected_calibration_error_of_a_known_case()
    {
        // Ten predictions at 0.85 of which 7 are right (gap 0.15) and ten at 0.25 of which 5 are right (gap 0.25).
        var predictions = Enumerable.Range(0, 10).Select(i => (0.85, i < 7)).Concat(Enumerable.Range(0, 10).Select(i => (0.25, i < 5))).ToList();

        var reliability = Reliability.Of(predictions);

        Assert.Equal(0.5 * 0.15 + 0.5 * 0.25, reliability.ExpectedCalibrationError, 10);
        Assert.Equal(10, reliability.Bins.Count);
        Assert.Equal(10, reliability.Bins[8].Count);
        Assert.Equal(0.7, reliability.Bins[8].Accuracy, 10);
        Assert.Equal(10, reliability.Bins[2].Count);
        Assert.Equal(1.0, Reliability.Of([(1.0, true)]).Bins[9].Accuracy);
    }

    [Fact]
    public void A_perfectly_calibrated_case_has_no_calibration_error() =>
        Assert.Equal(0, Reliability.Of(Enumerable.Range(0, 10).Select(i => (0.5, i % 2 == 0)).ToList()).ExpectedCalibrationError, 10);

    [Fact]
    public void Temperature_fitted_on_overconfident_genre_scores_softens_them_and_lowers_the_error()
    {
        // Three genres; the model always says 0.95 for its pick but is right only 60 % of the time.
        var probabilities = Enumerable.Range(0, 100).Select(_ => new[] { 0.95, 0.025, 0.025 }).ToList();
        var truth = Enumerable.Range(0, 100).Select(i => i % 10 < 6 ? 0 : 1 + i % 2).ToList();

        var temperature = CalibrationFitter.FitTemperature(probabilities, truth);

        Assert.True(temperature > 1, $"temperature {temperature}");
        var softened = LabelCalibration.Soften(probabilities[0], temperature);
        Assert.Equal(0.6, softened[0], 2);
        Assert.Equal(1, softened.Sum(), 10);
        var before = Reliability.Of(truth.Select(t => (0.95, t == 0)).ToList()).ExpectedCalibrationError;
        var after = Reliability.Of(truth.Select(t => (softened[0], t == 0)).ToList()).ExpectedCalibrationError;
        Assert.True(after < before / 10, $"ECE {before:F3} → {after:F3}");
    }

    [Fact]
    public void Platt_scaling_is_fitted_to_the_observed_rates_and_monotone()
    {
        // Raw 0.9 is right 70 % of the time, raw 0.1 is right 30 % of the time.
        var raw = Enumerable.Range(0, 200).Select(i => i < 100 ? 0.9 : 0.1).ToList();
        var labels = Enumerable.Range(0, 200).Select(i => i < 100 ? i % 10 < 7 : i % 10 < 3).ToList();

        var platt = CalibrationFitter.FitPlatt(raw, labels);

        Assert.True(platt.A >= 0);
        Assert.Equal(0.7, platt.Apply(0.9), 1);
        Assert.Equal(0.3, platt.Apply(0.1), 1);
        var grid = Enumerable.Range(0, 101).Select(i => platt.Apply(i / 100.0)).ToList();
        Assert.True(grid.Zip(grid.Skip(1)).All(p => p.Second >= p.First), "the map never reverses the order");
    }

    [Fact]
    public void Platt_scaling_of_an_uninformative_model_flattens_to_the_base_rate_instead_of_reversing()
    {
        // Higher raw scores are slightly *less* often right: the slope may not go negative, so the map becomes flat.
        var raw = Enumerable.Range(0, 100).Select(i => i < 50 ? 0.8 : 0.2).ToList();
        var labels = Enumerable.Range(0, 100).Select(i => i < 50 ? i % 10 < 2 : i % 10 < 3).ToList();

        var platt = CalibrationFitter.FitPlatt(raw, labels);

        Assert.Equal(0, platt.A);
        Assert.Equal(platt.Apply(0.2), platt.Apply(0.8), 10);
    }

    [Fact]
    public void The_familiarity_limit_is_the_chosen_percentile_of_validation_distances()
    {
        var distances = Enumerable.Range(1, 101).Select(i => (double)i).ToList();

        Assert.Equal(100, CalibrationFitter.Percentile(distances, 0.99), 10);
        Assert.Equal(51, CalibrationFitter.Percentile(distances, 0.5), 10);
    }
}
