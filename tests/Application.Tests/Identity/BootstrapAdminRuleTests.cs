using RunnerTokens.Application.Identity;

namespace RunnerTokens.Application.Tests.Identity;

public sealed class BootstrapAdminRuleTests
{
    [TestCase("email:alice@example.com", "alice@example.com", null, null)]
    [TestCase("  EMAIL:Alice@Example.COM ", "alice@example.com", null, null)]
    [TestCase("sub:https://issuer.example|alice", null, "https://issuer.example", "alice")]
    [TestCase("sub:https://issuer.example|auth0|12345", null, "https://issuer.example", "auth0|12345")]
    [TestCase("email:https://issuer.example|Alice@Example.com", "alice@example.com", "https://issuer.example", null)]
    public void Valid_entries_parse(string text, string? email, string? issuer, string? subject)
    {
        BootstrapAdminRule.TryParse(text, out var rule).ShouldBeTrue();

        rule.ShouldBe(new BootstrapAdminRule(email, issuer, subject));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("alice@example.com")]
    [TestCase("email:")]
    [TestCase("email:alice")]
    [TestCase("email:|alice@example.com")]
    [TestCase("email:https://issuer.example|")]
    [TestCase("sub:")]
    [TestCase("sub:https://issuer.example")]
    [TestCase("sub:|alice")]
    [TestCase("sub:https://issuer.example|")]
    [TestCase("user:alice")]
    public void Invalid_entries_are_refused(string? text) =>
        BootstrapAdminRule.TryParse(text, out _).ShouldBeFalse();

    [Test]
    public void An_unqualified_email_rule_matches_a_verified_email_of_any_issuer_that_trusts_emails_only()
    {
        BootstrapAdminRule.TryParse("email:alice@example.com", out var rule).ShouldBeTrue();

        rule.Matches("https://a", "x", "ALICE@example.com", issuerTrustsEmail: true).ShouldBeTrue();
        rule.Matches("https://b", "y", "alice@example.com", issuerTrustsEmail: true).ShouldBeTrue();
        rule.Matches("https://a", "x", "alice@example.com", issuerTrustsEmail: false).ShouldBeFalse();
        rule.Matches("https://a", "alice@example.com", verifiedEmail: null, issuerTrustsEmail: true).ShouldBeFalse();
    }

    [Test]
    public void A_qualified_email_rule_matches_a_verified_email_of_its_issuer_only()
    {
        BootstrapAdminRule.TryParse("email:https://a/|alice@example.com", out var rule).ShouldBeTrue();

        rule.Matches("https://a", "x", "alice@example.com", issuerTrustsEmail: false).ShouldBeTrue();
        rule.Matches("https://b", "x", "alice@example.com", issuerTrustsEmail: true).ShouldBeFalse();
        rule.Matches("https://a", "x", verifiedEmail: null, issuerTrustsEmail: true).ShouldBeFalse();
    }

    [Test]
    public void A_subject_rule_needs_the_same_issuer_and_exact_subject()
    {
        BootstrapAdminRule.TryParse("sub:https://issuer.example|alice", out var rule).ShouldBeTrue();

        rule.Matches("https://issuer.example", "alice", null, false).ShouldBeTrue();
        rule.Matches("https://issuer.example/", "alice", null, false).ShouldBeTrue();
        rule.Matches("https://issuer.example", "Alice", null, false).ShouldBeFalse();
        rule.Matches("https://other.example", "alice", null, false).ShouldBeFalse();
    }
}
