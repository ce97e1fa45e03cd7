using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Domain.UnitTests.Identity;

public sealed class MachineIdentityTests
{
    private const string Issuer = "https://token.actions.githubusercontent.com";
    private const string Subject = "repo:acme/infra:ref:refs/heads/main";
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static readonly Dictionary<string, string[]> GitHubClaims = new()
    {
        ["repository_owner_id"] = ["123"],
        ["repository_id"] = ["4567"],
        ["job_workflow_ref"] = ["acme/ci/.github/workflows/runners.yml@refs/heads/main"],
    };

    [Test]
    public void Matches_when_issuer_subject_and_every_condition_hold()
    {
        var identity = Create(("repository_owner_id", "123"), ("job_workflow_ref", "acme/ci/.github/workflows/runners.yml@*"));

        identity.Matches(Issuer, Subject, ClaimsOf(GitHubClaims)).ShouldBeTrue();
    }

    [Test]
    public void Does_not_match_when_any_one_condition_fails()
    {
        var identity = Create(("repository_owner_id", "123"), ("repository_id", "9999"));

        identity.Matches(Issuer, Subject, ClaimsOf(GitHubClaims)).ShouldBeFalse();
    }

    [Test]
    public void Does_not_match_when_a_conditioned_claim_is_missing()
    {
        var identity = Create(("environment", "*"));

        identity.Matches(Issuer, Subject, ClaimsOf(GitHubClaims)).ShouldBeFalse();
    }

    [TestCase(Issuer, Subject, true)]
    [TestCase(Issuer + "/", Subject, true)]
    [TestCase("https://token.actions.githubusercontent.com.evil", Subject, false)]
    [TestCase("https://TOKEN.actions.githubusercontent.com", Subject, false)]
    [TestCase(Issuer, "repo:acme/infra:ref:refs/heads/main2", false)]
    [TestCase(Issuer, "repo:ACME/infra:ref:refs/heads/main", false)]
    [TestCase(Issuer, "repo:acme/infra:ref:refs/heads/*", false)]
    public void Issuer_and_subject_are_compared_exactly(string issuer, string subject, bool expected) =>
        Create().Matches(issuer, subject, ClaimsOf(GitHubClaims)).ShouldBe(expected);

    [Test]
    public void A_deactivated_identity_matches_nothing_until_reactivated()
    {
        var identity = Create();
        identity.Deactivate(Now);
        identity.Matches(Issuer, Subject, ClaimsOf(GitHubClaims)).ShouldBeFalse();

        identity.Activate(Now);
        identity.Matches(Issuer, Subject, ClaimsOf(GitHubClaims)).ShouldBeTrue();
    }

    [Test]
    public void Creation_records_who_and_when_and_starts_active()
    {
        var creator = Guid.NewGuid();
        var identity = MachineIdentity.Create(Guid.NewGuid(), "  deploy  ", null, Issuer, Subject, [], singleUseTokens: true, creator, Now).Value;

        identity.Name.ShouldBe("deploy");
        identity.Description.ShouldBe(string.Empty);
        identity.IsActive.ShouldBeTrue();
        identity.SingleUseTokens.ShouldBeTrue();
        identity.CreatedBy.ShouldBe(creator);
        identity.CreatedAt.ShouldBe(Now);
    }

    [TestCase("", Issuer, Subject, "machine_identity.name_required")]
    [TestCase("x", "", Subject, "machine_identity.issuer_subject_required")]
    [TestCase("x", Issuer, " ", "machine_identity.issuer_subject_required")]
    public void Creation_refuses_missing_names_issuers_and_subjects(string name, string issuer, string subject, string code) =>
        MachineIdentity.Create(Guid.NewGuid(), name, null, issuer, subject, [], false, Guid.NewGuid(), Now).Error!.Code.ShouldBe(code);

    [Test]
    public void At_most_twenty_conditions_each_claim_once()
    {
        var twentyOne = Enumerable.Range(0, 21).Select(i => ClaimCondition.Create($"c{i}", "v").Value).ToList();
        var duplicate = new[] { ClaimCondition.Create("c", "1").Value, ClaimCondition.Create("c", "2").Value };

        MachineIdentity.Create(Guid.NewGuid(), "x", null, Issuer, Subject, twentyOne, false, Guid.NewGuid(), Now)
            .Error!.Code.ShouldBe("machine_identity.too_many_conditions");
        MachineIdentity.Create(Guid.NewGuid(), "x", null, Issuer, Subject, duplicate, false, Guid.NewGuid(), Now)
            .Error!.Code.ShouldBe("machine_identity.duplicate_condition");
        MachineIdentity.Create(Guid.NewGuid(), "x", null, Issuer, Subject, twentyOne[..20], false, Guid.NewGuid(), Now).IsSuccess.ShouldBeTrue();
    }

    [Test]
    public void A_refused_change_of_match_leaves_the_identity_as_it_was()
    {
        var identity = Create(("repository_owner_id", "123"));

        identity.ChangeMatch(Issuer, "", [], Now.AddMinutes(1)).IsFailure.ShouldBeTrue();

        identity.Subject.ShouldBe(Subject);
        identity.ClaimConditions.ShouldHaveSingleItem().Claim.ShouldBe("repository_owner_id");
        identity.UpdatedAt.ShouldBe(Now);
    }

    private static MachineIdentity Create(params (string Claim, string Pattern)[] conditions) =>
        MachineIdentity.Create(
            Guid.NewGuid(),
            "gha",
            "GitHub Actions",
            Issuer,
            Subject,
            conditions.Select(c => ClaimCondition.Create(c.Claim, c.Pattern).Value).ToList(),
            singleUseTokens: false,
            Guid.NewGuid(),
            Now).Value;

    private static Func<string, IEnumerable<string>> ClaimsOf(Dictionary<string, string[]> claims) =>
        type => claims.TryGetValue(type, out var values) ? values : [];
}
