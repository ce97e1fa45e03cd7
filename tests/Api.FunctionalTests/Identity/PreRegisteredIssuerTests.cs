using System.Net;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Application.Identity.GetCurrentPrincipal;

namespace RunnerTokens.Api.FunctionalTests.Identity;

/// <summary>
/// Issue 9, section 2: a user pre-registered by email may name its issuer (<c>issuer</c> without <c>subject</c> on
/// <c>POST /api/v1/users</c>): only a verified email from that issuer binds it, whether or not the issuer trusts
/// emails in general (Primary here keeps <c>TrustEmail</c> false, Secondary has it).
/// </summary>
public sealed class PreRegisteredIssuerTests : FunctionalTestBase
{
    private SeededUser _admin = null!;

    protected override ApiFactoryOptions FactoryOptions => new()
    {
        Settings = new Dictionary<string, string?> { ["Authentication:Issuers:1:TrustEmail"] = "true" },
    };

    [OneTimeSetUp]
    public async Task Seed() => _admin = await Factory.SeedUserAsync(Unique("admin"), isAdmin: true);

    [Test]
    public async Task A_pre_registration_naming_its_issuer_binds_a_verified_email_from_that_issuer_only()
    {
        var email = $"{Unique("named")}@example.com";
        var created = await (await ClientFor(_admin).PostAsJsonAsync("/api/v1/users", new { email, issuer = Issuers.Primary.IssuerId }))
            .ShouldBeJsonAsync(HttpStatusCode.Created);
        created.GetProperty("emailIssuer").GetString().ShouldBe(Issuers.Primary.IssuerId);
        created.GetProperty("issuer").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        created.GetProperty("subject").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        var userId = created.GetProperty("id").GetGuid();

        // Another issuer, even one that trusts emails, does not bind it.
        await (await ClientWith(Issuers.Secondary.UserToken(Unique("mallory"), email)).GetAsync("/api/v1/me"))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "principal.unknown");
        // The named issuer, without email_verified, does not either.
        var unverified = Issuers.Primary.CreateToken(Unique("mallory"), new Dictionary<string, object> { ["email"] = email });
        await (await ClientWith(unverified).GetAsync("/api/v1/me")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "principal.unknown");
        (await SubjectOfAsync(userId)).ShouldBeNull();

        var subject = Unique("erin");
        var me = await (await ClientWith(Issuers.Primary.UserToken(subject, email)).GetAsync("/api/v1/me")).ShouldBeJsonAsync<CurrentPrincipalDto>();

        me.Id.ShouldBe(userId);
        (await SubjectOfAsync(userId)).ShouldBe(subject);
    }

    [Test]
    public async Task The_named_issuer_compares_ignoring_one_trailing_slash()
    {
        var email = $"{Unique("slash")}@example.com";
        var created = await (await ClientFor(_admin).PostAsJsonAsync("/api/v1/users", new { email, issuer = Issuers.Secondary.IssuerId.TrimEnd('/') + "/" }))
            .ShouldBeJsonAsync(HttpStatusCode.Created);

        var me = await (await ClientWith(Issuers.Secondary.UserToken(Unique("sam"), email)).GetAsync("/api/v1/me")).ShouldBeJsonAsync<CurrentPrincipalDto>();

        me.Id.ShouldBe(created.GetProperty("id").GetGuid());
    }

    [Test]
    public async Task A_pre_registration_cannot_name_an_issuer_the_service_does_not_trust()
    {
        var response = await ClientFor(_admin).PostAsJsonAsync(
            "/api/v1/users", new { email = $"{Unique("nope")}@example.com", issuer = "https://issuer.invalid" });

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "user.issuer_not_trusted");
    }

    [Test]
    public async Task An_issuer_without_subject_or_email_is_still_refused()
    {
        var response = await ClientFor(_admin).PostAsJsonAsync("/api/v1/users", new { issuer = Issuers.Primary.IssuerId });

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject()
            .Select(e => e.Name).ShouldContain(name => string.Equals(name, "subject", StringComparison.OrdinalIgnoreCase));
    }

    private Task<string?> SubjectOfAsync(Guid userId) =>
        Factory.WithDbAsync(db => db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Subject).SingleAsync());
}
