using System.Net;
using RunnerTokens.Api.Contracts.Runners;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Api.FunctionalTests.Hardening;

/// <summary>
/// Responses that carry a JIT config or a registration token are never stored by a cache or browser
/// (<c>Cache-Control: no-store</c>, <c>Pragma: no-cache</c>), and their bodies do not print the secret.
/// </summary>
public sealed class SecretResponseHeadersTests : FunctionalTestBase
{
    private SeededUser _member = null!;
    private Team _team = null!;

    [OneTimeSetUp]
    public async Task Seed()
    {
        _member = await Factory.SeedUserAsync(Unique("member"));
        _team = await Factory.SeedTeamAsync(Unique("nostore"), policy: RunnerPolling.Policy with { AllowRegistrationTokens = true });
        await Factory.AddMemberAsync(_team, _member);
    }

    [Test]
    public async Task A_jit_config_is_sent_with_no_store()
    {
        var response = await ClientFor(_member).PostAsJsonAsync("/api/v1/runners/jit", new { team = _team.Name, namePrefix = "ci" });

        var runner = await response.ShouldBeJsonAsync<JitRunnerResponse>(HttpStatusCode.Created);
        ShouldNotBeStored(response);
        runner.ToString().ShouldNotContain(runner.EncodedJitConfig);
    }

    [Test]
    public async Task A_registration_token_is_sent_with_no_store()
    {
        var response = await ClientFor(_member).PostAsJsonAsync("/api/v1/runners/registration-token", new { team = _team.Name, name = Unique("reg") });

        var token = await response.ShouldBeJsonAsync<RegistrationTokenResponse>(HttpStatusCode.Created);
        ShouldNotBeStored(response);
        token.ToString().ShouldNotContain(token.RegistrationToken);
    }

    [Test]
    public async Task A_refusal_on_the_same_endpoint_is_not_stored_either()
    {
        var response = await ClientFor(_member).PostAsJsonAsync("/api/v1/runners/jit", new { team = "no-such-team", namePrefix = "ci" });

        ((int)response.StatusCode).ShouldBeGreaterThanOrEqualTo(400);
        ShouldNotBeStored(response);
    }

    private static void ShouldNotBeStored(HttpResponseMessage response)
    {
        response.Headers.CacheControl.ShouldNotBeNull().NoStore.ShouldBeTrue();
        response.Headers.Pragma.Select(p => p.Name).ShouldContain("no-cache");
    }
}
