using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Domain.UnitTests.Identity;

/// <summary>
/// When two machine identities could both match one token (and so must not both be live): same issuer and subject,
/// and claim conditions that no claim separates.
/// </summary>
public sealed class MachineIdentityOverlapTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [TestCase("acme", "acme", true)]
    [TestCase("acme", "other", false)]
    [TestCase("acme", "ac*", true)]
    [TestCase("acme", "b*", false)]
    [TestCase("refs/heads/*", "refs/heads/main", true)]
    [TestCase("refs/heads/*", "refs/tags/*", false)]
    [TestCase("refs/*", "refs/heads/*", true)]
    [TestCase("*@refs/heads/main", "*@refs/tags/v1", false)]
    [TestCase("*@refs/heads/main", "acme/*", true)]
    [TestCase("a*z", "b*z", false)]
    [TestCase("*", "anything", true)]
    public void Two_conditions_on_one_claim_overlap_when_one_value_can_satisfy_both(string first, string second, bool overlap)
    {
        var a = ClaimCondition.Create("claim", first).Value;
        var b = ClaimCondition.Create("claim", second).Value;

        a.MayOverlap(b).ShouldBe(overlap);
        b.MayOverlap(a).ShouldBe(overlap);
    }

    [Test]
    public void Identities_with_the_same_issuer_subject_and_no_separating_claim_overlap()
    {
        var broad = Identity("https://issuer/", "repo:acme/app", ("repository_owner_id", "123"));
        var narrow = Identity("https://issuer", "repo:acme/app", ("repository_owner_id", "123"), ("ref", "refs/heads/*"));
        var unconditioned = Identity("https://issuer", "repo:acme/app");

        broad.OverlapsWith(narrow).ShouldBeTrue();
        narrow.OverlapsWith(broad).ShouldBeTrue();
        unconditioned.OverlapsWith(narrow).ShouldBeTrue();
        broad.OverlapsWith(Identity("https://issuer", "repo:acme/app", ("repository_owner_id", "123"))).ShouldBeTrue();
    }

    [Test]
    public void A_claim_required_to_equal_different_values_separates_identities()
    {
        var first = Identity("https://issuer", "repo:acme/app", ("repository_owner_id", "123"), ("ref", "refs/heads/*"));
        var second = Identity("https://issuer", "repo:acme/app", ("repository_owner_id", "999"));

        first.OverlapsWith(second).ShouldBeFalse();
        second.OverlapsWith(first).ShouldBeFalse();
    }

    [Test]
    public void Another_issuer_or_subject_an_inactive_identity_or_the_identity_itself_never_overlaps()
    {
        var identity = Identity("https://issuer", "repo:acme/app");

        identity.OverlapsWith(Identity("https://other", "repo:acme/app")).ShouldBeFalse();
        identity.OverlapsWith(Identity("https://issuer", "repo:acme/App")).ShouldBeFalse();
        identity.OverlapsWith(identity).ShouldBeFalse();
        var inactive = Identity("https://issuer", "repo:acme/app");
        inactive.Deactivate(Now);
        identity.OverlapsWith(inactive).ShouldBeFalse();
    }

    [Test]
    public void Missing_conditions_lists_the_required_claims_without_a_condition()
    {
        var identity = Identity("https://issuer", "repo:acme/app", ("repository_id", "1"));

        identity.MissingConditions(["repository_owner_id", "repository_id"]).ShouldBe(["repository_owner_id"]);
        identity.MissingConditions(["repository_id"]).ShouldBeEmpty();
    }

    private static MachineIdentity Identity(string issuer, string subject, params (string Claim, string Pattern)[] conditions) =>
        MachineIdentity.Create(
            Guid.NewGuid(), "bot", null, issuer, subject,
            [.. conditions.Select(c => ClaimCondition.Create(c.Claim, c.Pattern).Value)],
            singleUseTokens: false, Guid.NewGuid(), Now).Value;
}
