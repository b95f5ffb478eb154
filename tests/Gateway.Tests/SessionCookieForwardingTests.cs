using AudioPlatform.Gateway.Bff;

namespace AudioPlatform.Gateway.Tests;

public sealed class SessionCookieForwardingTests
{
    [Theory]
    [InlineData("a=1; audioplatform.session=secret; b=2", "a=1; b=2")]
    [InlineData("audioplatform.session=secret", null)]
    [InlineData("audioplatform.sessionC1=part; .AspNetCore.Antiforgery.x=token", ".AspNetCore.Antiforgery.x=token")]
    [InlineData("audioplatform.identity=kept", "audioplatform.identity=kept")]
    public void The_session_cookie_stays_at_the_gateway_and_the_others_go_on(string cookies, string? forwarded)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://identity/account/signin");
        request.Headers.TryAddWithoutValidation("Cookie", cookies);

        SessionTokenTransform.RemoveSessionCookie(request, "audioplatform.session");

        Assert.Equal(forwarded, request.Headers.TryGetValues("Cookie", out var values) ? string.Join("; ", values) : null);
    }
}
