using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AudioPlatform.Ingest.Apis;

namespace AudioPlatform.Ingest.Tests;

/// <summary>
/// Signed stream links through the real Ingest service: what an exported M3U gives a media player, which has no token.
/// </summary>
public sealed class StreamLinkTests : IDisposable
{
    private static readonly byte[] Audio = [.. Enumerable.Range(0, 1000).Select(index => (byte)index)];
    private readonly IngestHost _host = new();

    [Fact]
    public async Task A_signed_link_streams_the_track_without_a_token_and_ranges_still_work()
    {
        var trackId = await _host.StoreAudioAsync("alice", Audio);
        var link = await OneLinkAsync("alice", trackId);
        using var anonymous = _host.Client();

        var whole = await anonymous.GetByteArrayAsync(link);
        using var range = new HttpRequestMessage(HttpMethod.Get, link);
        range.Headers.Range = new RangeHeaderValue(10, 19);
        using var partial = await anonymous.SendAsync(range);

        Assert.Equal(Audio, whole);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(Audio[10..20], await partial.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Without_a_token_or_a_signature_the_stream_is_401()
    {
        var trackId = await _host.StoreAudioAsync("alice", Audio);

        using var response = await _host.Client().GetAsync($"/api/v1/audio/{trackId}/stream");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_expired_link_is_403_saying_it_expired()
    {
        var trackId = await _host.StoreAudioAsync("alice", Audio);
        var link = await OneLinkAsync("alice", trackId, expiresInHours: 1);
        _host.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));

        using var response = await _host.Client().GetAsync(link);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("expired", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("sig")]
    [InlineData("track")]
    [InlineData("user")]
    [InlineData("exp")]
    public async Task A_link_with_any_part_changed_is_403(string part)
    {
        var trackId = await _host.StoreAudioAsync("alice", Audio);
        var other = await _host.StoreAudioAsync("bob", Audio);
        var link = await OneLinkAsync("alice", trackId);
        var altered = part switch
        {
            "sig" => link[..^2] + (link.EndsWith("AA", StringComparison.Ordinal) ? "BB" : "AA"),
            "track" => link.Replace(trackId.ToString(), other.ToString(), StringComparison.Ordinal),
            "user" => link.Replace("user=alice", "user=bob", StringComparison.Ordinal),
            _ => System.Text.RegularExpressions.Regex.Replace(link, "exp=(\\d+)", match => $"exp={long.Parse(match.Groups[1].Value) + 3600}"),
        };
        Assert.NotEqual(link, altered);

        using var response = await _host.Client().GetAsync(altered);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("signature", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_users_track_gets_no_link()
    {
        var own = await _host.StoreAudioAsync("alice", Audio);
        var theirs = await _host.StoreAudioAsync("bob", Audio);

        var links = await LinksAsync("alice", [own, theirs, Guid.NewGuid()]);

        Assert.Equal([own], links.Links.Select(link => link.TrackId));
    }

    [Theory]
    [InlineData("{\"trackIds\":[]}")]
    [InlineData("{\"trackIds\":[\"0b6d1c9e-2f6e-4f0c-9a57-3f1d2e4c5b6a\"],\"expiresInHours\":169}")]
    [InlineData("{\"trackIds\":[\"0b6d1c9e-2f6e-4f0c-9a57-3f1d2e4c5b6a\"],\"expiresInHours\":0}")]
    public async Task Bad_link_requests_are_400_validation_problems(string body)
    {
        using var response = await _host.Client("alice").PostAsync("/api/v1/audio/stream-links",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Links_expire_when_asked_and_24_hours_by_default()
    {
        var trackId = await _host.StoreAudioAsync("alice", Audio);

        var byDefault = await LinksAsync("alice", [trackId]);
        var week = await LinksAsync("alice", [trackId], expiresInHours: 168);

        Assert.InRange((byDefault.ExpiresAt - _host.Clock.GetUtcNow()).TotalHours, 23.99, 24);
        Assert.InRange((week.ExpiresAt - _host.Clock.GetUtcNow()).TotalHours, 167.99, 168);
    }

    private async Task<string> OneLinkAsync(string userId, Guid trackId, int? expiresInHours = null) =>
        Assert.Single((await LinksAsync(userId, [trackId], expiresInHours)).Links).Url;

    private async Task<StreamLinks> LinksAsync(string userId, Guid[] trackIds, int? expiresInHours = null)
    {
        using var response = await _host.Client(userId).PostAsJsonAsync("/api/v1/audio/stream-links", new StreamLinksRequest(trackIds, expiresInHours));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<StreamLinks>())!;
    }

    public void Dispose() => _host.Dispose();
}
