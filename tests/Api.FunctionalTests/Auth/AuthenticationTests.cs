using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using RunnerTokens.Api.Auth;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Application.Identity.GetCurrentPrincipal;

namespace RunnerTokens.Api.FunctionalTests.Auth;

/// <summary>Bearer validation with real signed JWTs from local issuers: what gets in and what gets a 401.</summary>
public sealed class AuthenticationTests : FunctionalTestBase
{
    private SeededUser _alice = null!;
    private MetricCollector<long> _failures = null!;

    [OneTimeSetUp]
    public async Task Seed() => _alice = await Factory.SeedUserAsync(Unique("alice"));

    [SetUp]
    public void CollectMetrics() =>
        _failures = new MetricCollector<long>(
            Factory.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            AuthMetrics.MeterName,
            AuthMetrics.FailuresCounterName);

    [TearDown]
    public void StopCollecting() => _failures.Dispose();

    [Test]
    public async Task A_valid_token_from_a_trusted_issuer_is_accepted()
    {
        var me = await ClientFor(_alice).GetAsync("/api/v1/me");

        var body = await me.ShouldBeJsonAsync<CurrentPrincipalDto>();
        body.Id.ShouldBe(_alice.Id);
    }

    [Test]
    public async Task Two_trusted_issuers_work_side_by_side()
    {
        var bob = await Factory.SeedUserAsync(Unique("bob"), issuer: Issuers.Secondary);

        var fromSecondary = await ClientFor(bob).GetAsync("/api/v1/me");
        var fromPrimary = await ClientFor(_alice).GetAsync("/api/v1/me");

        (await fromSecondary.ShouldBeJsonAsync<CurrentPrincipalDto>()).Id.ShouldBe(bob.Id);
        (await fromPrimary.ShouldBeJsonAsync<CurrentPrincipalDto>()).Id.ShouldBe(_alice.Id);
    }

    [Test]
    public async Task A_request_without_a_token_gets_401_asking_for_a_bearer_token()
    {
        var response = await Anonymous().GetAsync("/api/v1/me");

        await response.ShouldBeUnauthorizedAsync(BearerChallenge.Unauthenticated, invalidToken: false);
        _failures.GetMeasurementSnapshot().ShouldBeEmpty("a missing token is not a refused token");
    }

    [Test]
    public async Task Another_authorization_scheme_counts_as_no_token()
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "YWxpY2U6c2VjcmV0");

        var response = await client.GetAsync("/api/v1/me");

        await response.ShouldBeUnauthorizedAsync(BearerChallenge.Unauthenticated, invalidToken: false);
    }

    [Test]
    public async Task A_token_from_an_issuer_nobody_configured_gets_401()
    {
        var token = Issuers.Untrusted.UserToken(_alice.Subject, _alice.Email);

        var response = await ClientWith(token).GetAsync("/api/v1/me");

        await response.ShouldBeUnauthorizedAsync(BearerChallenge.InvalidToken);
        ShouldHaveCountedFailure("unknown_issuer");
    }

    [Test]
    public async Task A_token_for_another_audience_gets_401()
    {
        var token = Issuers.Primary.UserToken(_alice.Subject, _alice.Email, audience: "some-other-api");

        var response = await ClientWith(token).GetAsync("/api/v1/me");

        await response.ShouldBeUnauthorizedAsync(BearerChallenge.InvalidToken);
        ShouldHaveCountedFailure("invalid_audience");
    }

    [Test]
    public async Task An_expired_token_gets_401()
    {
        var response = await ClientWith(Issuers.Primary.ExpiredToken(_alice.Subject)).GetAsync("/api/v1/me");

        var problem = await response.ShouldBeUnauthorizedAsync(BearerChallenge.InvalidToken);
        problem.GetProperty("detail").GetString().ShouldBe("The token has expired.");
        ShouldHaveCountedFailure("expired");
    }

    [Test]
    public async Task A_token_that_expired_within_the_clock_skew_is_still_accepted()
    {
        var token = Issuers.Primary.ExpiredToken(_alice.Subject, ago: TimeSpan.FromSeconds(5));

        var response = await ClientWith(token).GetAsync("/api/v1/me");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task An_unsigned_alg_none_token_gets_401()
    {
        var response = await ClientWith(Issuers.Primary.UnsignedToken(_alice.Subject)).GetAsync("/api/v1/me");

        await response.ShouldBeUnauthorizedAsync(BearerChallenge.InvalidToken);
        _failures.GetMeasurementSnapshot().Count.ShouldBe(1);
    }

    [Test]
    public async Task An_hmac_token_signed_with_the_issuers_public_key_gets_401()
    {
        var response = await ClientWith(Issuers.Primary.HmacTokenSignedWithPublicKey(_alice.Subject)).GetAsync("/api/v1/me");

        await response.ShouldBeUnauthorizedAsync(BearerChallenge.InvalidToken);
        _failures.GetMeasurementSnapshot().Count.ShouldBe(1);
    }

    [Test]
    public async Task A_token_signed_by_a_key_the_issuer_never_published_gets_401()
    {
        var response = await ClientWith(Issuers.Primary.TokenSignedByForeignKey(_alice.Subject)).GetAsync("/api/v1/me");

        await response.ShouldBeUnauthorizedAsync(BearerChallenge.InvalidToken);
        ShouldHaveCountedFailure("invalid_signature");
    }

    [TestCase("not-a-jwt")]
    [TestCase("a.b.c")]
    [TestCase("eyJhbGciOiJSUzI1NiJ9.e30.c2ln")]
    public async Task A_token_that_is_not_a_readable_jwt_gets_401(string token)
    {
        var response = await ClientWith(token).GetAsync("/api/v1/me");

        await response.ShouldBeUnauthorizedAsync(BearerChallenge.InvalidToken);
        ShouldHaveCountedFailure("malformed");
    }

    [Test]
    public async Task Refused_tokens_are_counted_and_never_stored_as_security_events()
    {
        var before = await Factory.WithDbAsync(db => Task.FromResult(db.SecurityEvents.Count()));

        await ClientWith(Issuers.Untrusted.UserToken("mallory")).GetAsync("/api/v1/me");
        await ClientWith(Issuers.Primary.ExpiredToken("mallory")).GetAsync("/api/v1/me");

        _failures.GetMeasurementSnapshot().Count.ShouldBe(2);
        (await Factory.WithDbAsync(db => Task.FromResult(db.SecurityEvents.Count()))).ShouldBe(before);
    }

    [Test]
    public async Task Anonymous_endpoints_ignore_a_bad_token()
    {
        var response = await ClientWith(Issuers.Untrusted.UserToken("mallory")).GetAsync("/health/live");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task An_authenticated_caller_gets_404_for_an_unknown_route()
    {
        var response = await ClientFor(_alice).GetAsync("/api/v1/no-such-thing");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Signing_keys_are_fetched_once_and_cached_not_fetched_per_request()
    {
        await ClientFor(_alice).GetAsync("/api/v1/me"); // warm: the first request may fetch
        var fetched = Issuers.Primary.JwksRequests + Issuers.Primary.DiscoveryRequests;

        for (var i = 0; i < 5; i++)
        {
            (await ClientFor(_alice).GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (Issuers.Primary.JwksRequests + Issuers.Primary.DiscoveryRequests).ShouldBe(fetched);
    }

    [Test]
    public async Task A_token_signed_with_a_rotated_key_is_accepted_after_the_key_set_is_refreshed()
    {
        var carol = await Factory.SeedUserAsync(Unique("carol"), issuer: Issuers.Secondary);
        (await ClientFor(carol).GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var jwksBefore = Issuers.Secondary.JwksRequests;

        Issuers.Secondary.RotateSigningKey();

        // An unknown key id makes the bearer handler ask for a refresh (at most once per refresh interval);
        // depending on timing the first request may still see the old key set, so allow a few attempts.
        HttpStatusCode status = HttpStatusCode.Unauthorized;
        for (var attempt = 0; attempt < 20 && status != HttpStatusCode.OK; attempt++)
        {
            status = (await ClientFor(carol).GetAsync("/api/v1/me")).StatusCode;
            if (status != HttpStatusCode.OK)
            {
                await Task.Delay(100);
            }
        }

        status.ShouldBe(HttpStatusCode.OK);
        Issuers.Secondary.JwksRequests.ShouldBeGreaterThan(jwksBefore);
    }

    private void ShouldHaveCountedFailure(string reason)
    {
        var measurement = _failures.GetMeasurementSnapshot().ShouldHaveSingleItem();
        measurement.Value.ShouldBe(1);
        measurement.Tags["reason"].ShouldBe(reason);
    }
}
