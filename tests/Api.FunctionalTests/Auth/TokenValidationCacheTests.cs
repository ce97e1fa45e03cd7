using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RunnerTokens.Api.Auth;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Application.Identity.GetCurrentPrincipal;

namespace RunnerTokens.Api.FunctionalTests.Auth;

/// <summary>
/// The token validation cache through the whole pipeline (issuer selection, JwtBearer and its events, principal
/// resolution): a repeated token is served from it, and a cached token stops working when its lifetime is over.
/// </summary>
/// <remarks>
/// JwtBearer checks a token's lifetime on the system clock (IdentityModel's <c>TokenValidationParameters</c> clock is
/// internal and JwtBearer leaves it alone); the cache reads the app's <see cref="TimeProvider"/>. In production both are
/// the system clock, and a cached token ends at its <c>exp</c>, 30 s (the clock skew) before JwtBearer would refuse it.
/// Here the app's clock runs a minute behind, so that a token already inside its clock skew can be cached, and the
/// expiry test waits out only the few seconds left of the skew instead of 30 s.
/// </remarks>
public sealed class TokenValidationCacheTests : FunctionalTestBase
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow - TimeSpan.FromMinutes(1));
    private SeededUser _alice = null!;

    protected override ApiFactoryOptions FactoryOptions => new()
    {
        ConfigureServices = services => services.AddSingleton<TimeProvider>(_clock),
    };

    [OneTimeSetUp]
    public async Task Seed() => _alice = await Factory.SeedUserAsync(Unique("alice"));

    [Test]
    public async Task The_same_token_twice_is_accepted_as_the_same_user_and_cached()
    {
        var handler = PrimaryHandler();
        var before = handler.Count;
        var client = ClientFor(_alice);

        var first = await client.GetAsync("/api/v1/me");
        var second = await client.GetAsync("/api/v1/me");

        (await first.ShouldBeJsonAsync<CurrentPrincipalDto>()).Id.ShouldBe(_alice.Id);
        (await second.ShouldBeJsonAsync<CurrentPrincipalDto>()).Id.ShouldBe(_alice.Id);
        handler.Count.ShouldBe(before + 1);
    }

    [Test]
    public async Task A_cached_token_is_refused_once_the_clock_passes_its_exp()
    {
        // The scheme has fetched its keys and validated a token: from then on validations are cached.
        (await ClientFor(_alice).GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var exp = DateTimeOffset.UtcNow - TimeSpan.FromSeconds(24);
        var token = _alice.Issuer.CreateToken(
            _alice.Subject,
            new Dictionary<string, object> { ["email"] = _alice.Email, ["email_verified"] = true, ["name"] = _alice.DisplayName },
            issuedAt: exp - TimeSpan.FromMinutes(10),
            lifetime: TimeSpan.FromMinutes(10));
        var client = ClientWith(token);

        // Inside the clock skew: accepted, and cached (the app's clock is before exp).
        (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var refusedByJwtBearerFrom = exp + ClockSkew + TimeSpan.FromSeconds(1);
        if (refusedByJwtBearerFrom - DateTimeOffset.UtcNow is { Ticks: > 0 } wait)
        {
            await Task.Delay(wait);
        }

        var cached = await client.GetAsync("/api/v1/me");
        _clock.SetUtcNow(exp);
        var expired = await client.GetAsync("/api/v1/me");

        cached.StatusCode.ShouldBe(HttpStatusCode.OK, "served from the cache: a full validation would refuse it by now");
        var problem = await expired.ShouldBeUnauthorizedAsync(BearerChallenge.InvalidToken);
        problem.GetProperty("detail").GetString().ShouldBe("The token has expired.");
    }

    private CachingJsonWebTokenHandler PrimaryHandler() =>
        Factory.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(AuthSchemes.ForIssuer(Issuers.Primary.Name))
            .TokenHandlers.OfType<CachingJsonWebTokenHandler>().Single();
}
