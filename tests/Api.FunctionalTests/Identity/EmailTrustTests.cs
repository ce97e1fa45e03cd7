using System.Net;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Application.Identity.GetCurrentPrincipal;

namespace RunnerTokens.Api.FunctionalTests.Identity;

/// <summary>
/// Issue 9, section 2: an email identifies a person only when its issuer is configured with <c>TrustEmail</c>
/// (Secondary here; Primary keeps the default false) and the token marks it verified; <c>email:ISSUER|ADDRESS</c>
/// bootstrap rules name the one issuer whose verified email they accept.
/// </summary>
public sealed class EmailTrustTests : FunctionalTestBase
{
    private const string AnyTrustingIssuerAdmin = "chief@example.com";
    private const string PrimaryOnlyAdmin = "boss@example.com";

    private SeededUser _admin = null!;

    protected override ApiFactoryOptions FactoryOptions => new()
    {
        Settings = new Dictionary<string, string?>
        {
            ["Authentication:Issuers:1:TrustEmail"] = "true",
            ["Authorization:BootstrapAdmins:0"] = $"email:{AnyTrustingIssuerAdmin}",
            ["Authorization:BootstrapAdmins:1"] = $"email:{TestIssuerServer.Shared.Primary.IssuerId}|{PrimaryOnlyAdmin}",
        },
    };

    [OneTimeSetUp]
    public async Task Seed() => _admin = await Factory.SeedUserAsync(Unique("admin"), isAdmin: true);

    [Test]
    public async Task A_verified_email_from_an_issuer_without_TrustEmail_binds_no_pre_registered_user()
    {
        var email = await PreRegisterAsync();

        var response = await ClientWith(Issuers.Primary.UserToken(Unique("mallory"), email)).GetAsync("/api/v1/me");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "principal.unknown");
        (await SubjectOfAsync(email)).ShouldBeNull();
    }

    [TestCase(null)]
    [TestCase(false)]
    public async Task An_email_not_marked_verified_binds_nothing_even_from_a_trusting_issuer(bool? verified)
    {
        var email = await PreRegisterAsync();
        var claims = new Dictionary<string, object> { ["email"] = email };
        if (verified is { } value)
        {
            claims["email_verified"] = value;
        }

        var response = await ClientWith(Issuers.Secondary.CreateToken(Unique("mallory"), claims)).GetAsync("/api/v1/me");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "principal.unknown");
        (await SubjectOfAsync(email)).ShouldBeNull();
    }

    [TestCase("email_verified")]
    [TestCase("xms_edov")]
    public async Task A_verified_email_from_a_trusting_issuer_binds_the_pre_registered_user(string verifiedClaim)
    {
        var email = await PreRegisterAsync();
        var subject = Unique("erin");
        var token = Issuers.Secondary.CreateToken(subject, new Dictionary<string, object> { ["email"] = email, [verifiedClaim] = true });

        var me = await (await ClientWith(token).GetAsync("/api/v1/me")).ShouldBeJsonAsync<CurrentPrincipalDto>();

        me.Email.ShouldBe(email);
        (await SubjectOfAsync(email)).ShouldBe(subject);
    }

    [Test]
    public async Task An_unqualified_email_bootstrap_rule_matches_only_issuers_that_trust_emails()
    {
        var untrusted = await ClientWith(Issuers.Primary.UserToken(Unique("chief"), AnyTrustingIssuerAdmin)).GetAsync("/api/v1/me");
        await untrusted.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "principal.unknown");

        var trusted = await (await ClientWith(Issuers.Secondary.UserToken(Unique("chief"), AnyTrustingIssuerAdmin)).GetAsync("/api/v1/me"))
            .ShouldBeJsonAsync<CurrentPrincipalDto>();
        trusted.IsAdmin.ShouldBeTrue();
    }

    [Test]
    public async Task A_qualified_email_bootstrap_rule_matches_only_its_issuer()
    {
        var other = await ClientWith(Issuers.Secondary.UserToken(Unique("boss"), PrimaryOnlyAdmin)).GetAsync("/api/v1/me");
        await other.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "principal.unknown");

        var unverified = Issuers.Primary.CreateToken(Unique("boss"), new Dictionary<string, object> { ["email"] = PrimaryOnlyAdmin });
        await (await ClientWith(unverified).GetAsync("/api/v1/me")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "principal.unknown");

        var named = await (await ClientWith(Issuers.Primary.UserToken(Unique("boss"), PrimaryOnlyAdmin)).GetAsync("/api/v1/me"))
            .ShouldBeJsonAsync<CurrentPrincipalDto>();
        named.IsAdmin.ShouldBeTrue();
        named.Email.ShouldBeNull(); // Primary does not vouch for emails in general: the user keeps none from it
    }

    private async Task<string> PreRegisterAsync()
    {
        var email = $"{Unique("person")}@example.com";
        (await ClientFor(_admin).PostAsJsonAsync("/api/v1/users", new { email })).StatusCode.ShouldBe(HttpStatusCode.Created);
        return email;
    }

    private Task<string?> SubjectOfAsync(string email) =>
        Factory.WithDbAsync(db => db.Users.AsNoTracking().Where(u => u.Email == email).Select(u => u.Subject).SingleAsync());
}
