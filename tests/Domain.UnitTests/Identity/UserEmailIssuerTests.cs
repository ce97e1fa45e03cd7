using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Domain.UnitTests.Identity;

public sealed class UserEmailIssuerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void An_unqualified_pre_registration_accepts_only_issuers_that_trust_emails()
    {
        var user = User.PreRegisterByEmail("Ann@Example.com", null, null, Now).Value;

        user.EmailIssuer.ShouldBeNull();
        user.Email.ShouldBe("ann@example.com");
        user.AcceptsEmailFrom("https://a.example", issuerTrustsEmails: true).ShouldBeTrue();
        user.AcceptsEmailFrom("https://a.example", issuerTrustsEmails: false).ShouldBeFalse();
    }

    [Test]
    public void A_qualified_pre_registration_accepts_its_issuer_only_whatever_TrustEmail_says()
    {
        var user = User.PreRegisterByEmail("ann@example.com", " https://a.example/ ", "Ann", Now).Value;

        user.EmailIssuer.ShouldBe("https://a.example/");
        user.Issuer.ShouldBeNull();
        user.AcceptsEmailFrom("https://a.example", issuerTrustsEmails: false).ShouldBeTrue();
        user.AcceptsEmailFrom("https://b.example", issuerTrustsEmails: true).ShouldBeFalse();
    }

    [Test]
    public void A_pre_registration_needs_an_email() =>
        User.PreRegisterByEmail(" ", "https://a.example", null, Now).Error.ShouldBe(UserErrors.IdentityRequired);
}
