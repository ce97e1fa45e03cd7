using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Domain.UnitTests.Identity;

public sealed class ClaimConditionTests
{
    [TestCase("123", "123", true)]
    [TestCase("123", "1234", false)]
    [TestCase("123", "12", false)]
    [TestCase("acme", "ACME", false)]
    [TestCase("refs/heads/main", "refs/heads/main", true)]
    [TestCase("refs/heads/main", "refs/heads/main ", false)]
    [TestCase("a?c", "abc", false)]
    [TestCase("a.c", "abc", false)]
    [TestCase("[abc]", "a", false)]
    public void A_pattern_without_a_star_is_an_exact_ordinal_comparison(string pattern, string value, bool expected) =>
        Condition(pattern).Matches(value).ShouldBe(expected);

    [TestCase("*", "", true)]
    [TestCase("*", "anything at all", true)]
    [TestCase("**", "x", true)]
    [TestCase("refs/heads/*", "refs/heads/main", true)]
    [TestCase("refs/heads/*", "refs/heads/", true)]
    [TestCase("refs/heads/*", "refs/heads/feature/x", true)]
    [TestCase("refs/heads/*", "refs/tags/v1", false)]
    [TestCase("refs/heads/*", "xrefs/heads/main", false)]
    [TestCase("*/main", "refs/heads/main", true)]
    [TestCase("*/main", "refs/heads/main2", false)]
    [TestCase("acme/ci/.github/workflows/runners.yml@*", "acme/ci/.github/workflows/runners.yml@refs/heads/main", true)]
    [TestCase("acme/ci/.github/workflows/runners.yml@*", "acme/ci/.github/workflows/other.yml@refs/heads/main", false)]
    [TestCase("acme/ci/.github/workflows/runners.yml@*", "evil/acme/ci/.github/workflows/runners.yml@refs/heads/main", false)]
    [TestCase("repo:acme/*:ref:refs/heads/main", "repo:acme/infra:ref:refs/heads/main", true)]
    [TestCase("repo:acme/*:ref:refs/heads/main", "repo:acme/infra:ref:refs/heads/dev", false)]
    [TestCase("a*b*c", "abc", true)]
    [TestCase("a*b*c", "aXXbYYc", true)]
    [TestCase("a*b*c", "aXXbYY", false)]
    [TestCase("a*b*c", "acb", false)]
    [TestCase("a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false)]
    [TestCase("*.*", "a.b", true)]
    [TestCase("*.*", "ab", false)]
    [TestCase("MAIN*", "main", false)]
    public void A_star_matches_any_run_of_characters_and_the_whole_value_must_match(string pattern, string value, bool expected) =>
        Condition(pattern).Matches(value).ShouldBe(expected);

    [Test]
    public void A_pathological_pattern_is_answered_without_exponential_backtracking()
    {
        var pattern = string.Concat(Enumerable.Repeat("*a", 100)) + "*b";
        var value = new string('a', 10_000);

        ClaimCondition.WildcardMatch(pattern, value).ShouldBeFalse();
    }

    [Test]
    public void A_missing_claim_never_satisfies_a_condition_not_even_a_lone_star()
    {
        Condition("*").Matches(null).ShouldBeFalse();
        Condition("*").IsSatisfiedBy([]).ShouldBeFalse();
    }

    [Test]
    public void A_multi_valued_claim_satisfies_the_condition_when_any_value_does()
    {
        Condition("team-*").IsSatisfiedBy(["ops", "team-infra"]).ShouldBeTrue();
        Condition("team-*").IsSatisfiedBy(["ops", "dev"]).ShouldBeFalse();
    }

    [TestCase(null, "v")]
    [TestCase("", "v")]
    [TestCase("has space", "v")]
    [TestCase("claim", null)]
    [TestCase("claim", "")]
    public void Blank_names_names_with_spaces_and_empty_patterns_are_invalid(string? claim, string? pattern)
    {
        var result = ClaimCondition.Create(claim, pattern);

        result.IsFailure.ShouldBeTrue();
        result.Error!.Code.ShouldBe("machine_identity.invalid_condition");
    }

    [Test]
    public void Over_long_names_and_patterns_are_invalid()
    {
        ClaimCondition.Create(new string('c', ClaimCondition.MaxClaimLength + 1), "v").IsFailure.ShouldBeTrue();
        ClaimCondition.Create("c", new string('v', ClaimCondition.MaxPatternLength + 1)).IsFailure.ShouldBeTrue();
        ClaimCondition.Create(new string('c', ClaimCondition.MaxClaimLength), new string('v', ClaimCondition.MaxPatternLength)).IsSuccess.ShouldBeTrue();
    }

    private static ClaimCondition Condition(string pattern) => ClaimCondition.Create("claim", pattern).Value;
}
