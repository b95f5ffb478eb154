using AudioPlatform.Library.Apis;
using AudioPlatform.Library.Model;

namespace AudioPlatform.Library.Tests;

/// <summary>
/// What the library's endpoints check before they query: every value they let through is one the repositories can
/// run (a 500 otherwise), and every refusal names the field as the query or body spells it.
/// </summary>
public sealed class RequestValidationTests
{
    private static TrackQuery List(string? sort = null, int? page = null, double? bpmMin = null, double? energyMax = null) =>
        new() { Sort = sort, Page = page, BpmMin = bpmMin, EnergyMax = energyMax };

    [Theory]
    [InlineData("tempoBpm")]
    [InlineData("-energy")]
    [InlineData("TEMPOBPM")]
    [InlineData("-Title")]
    public void A_sort_the_validation_accepts_is_one_the_repositories_can_sort_by(string sort)
    {
        var parameters = List(sort: sort);

        Assert.Empty(parameters.Validate());
        _ = parameters.ParseSort();
    }

    [Theory]
    [InlineData("--energy")]
    [InlineData("-")]
    [InlineData("energy-")]
    [InlineData("popularity")]
    public void An_unknown_sort_is_refused_naming_sort(string sort) =>
        Assert.Contains("sort", List(sort: sort).Validate().Keys);

    [Fact]
    public void A_page_so_far_out_that_its_offset_would_overflow_is_refused_naming_page()
    {
        var errors = List(page: int.MaxValue).Validate();

        Assert.Contains("page", errors.Keys);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void A_bound_that_is_not_a_finite_number_is_refused_naming_it(double value)
    {
        Assert.Contains("bpmMin", List(bpmMin: value).Validate().Keys);
        Assert.Contains("energyMax", List(energyMax: value).Validate().Keys);
    }

    [Fact]
    public void Paging_never_computes_an_offset_past_int_range()
    {
        var (page, pageSize) = new TrackQuery { Page = int.MaxValue, PageSize = TrackQuery.MaxPageSize }.Paging();

        Assert.True((long)(page - 1) * pageSize <= int.MaxValue);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public void A_reanalysis_without_a_track_id_is_refused_naming_trackId(string? trackId)
    {
        var request = new AnalyzeRequest(trackId is null ? null : Guid.Parse(trackId));

        Assert.Equal(["trackId"], request.Validate().Keys);
    }
}
