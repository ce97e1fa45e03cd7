using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Domain.UnitTests.Teams;

public sealed class LabelPatternsTests
{
    [TestCase("team-a-.*")]
    [TestCase("gpu|cpu")]
    [TestCase("[a-z0-9]+")]
    [TestCase("size-(small|medium|large)")]
    [TestCase("(a+)+$", Description = "catastrophic for a backtracking engine, harmless here")]
    public void Valid_patterns_can_be_saved(string pattern) => LabelPatterns.Check(pattern).ShouldBeNull();

    [Test]
    public void A_pattern_of_200_characters_can_be_saved() => LabelPatterns.Check(new string('a', 200)).ShouldBeNull();

    [TestCase("", "pattern.empty")]
    [TestCase(null, "pattern.empty")]
    [TestCase("(", "pattern.invalid")]
    [TestCase("[a-", "pattern.invalid")]
    [TestCase("a\\", "pattern.invalid")]
    [TestCase("a)|(b", "pattern.invalid", Description = "only compiles once wrapped; would match any label starting with 'a'")]
    [TestCase("a\nb", "pattern.invalid")]
    [TestCase("(?x)gpu#", "pattern.invalid")]
    [TestCase("(?=gpu)gpu", "pattern.unsupported")]
    [TestCase("(?<!x)gpu", "pattern.unsupported")]
    [TestCase("(gpu)\\1", "pattern.unsupported")]
    [TestCase("(?>gpu)", "pattern.unsupported")]
    [TestCase("(?(gpu)gpu|cpu)", "pattern.unsupported")]
    [TestCase("\\Ggpu", "pattern.unsupported")]
    [TestCase("a{0,65535}", "pattern.unsupported", Description = "too large an automaton for the engine")]
    public void Invalid_patterns_are_refused_with_a_code(string? pattern, string code)
    {
        var problem = LabelPatterns.Check(pattern);

        problem.ShouldNotBeNull();
        problem.Code.ShouldBe(code);
        problem.Message.ShouldNotBeNullOrWhiteSpace();
    }

    [Test]
    public void A_pattern_of_201_characters_is_too_long() =>
        LabelPatterns.Check(new string('a', 201))!.Code.ShouldBe("pattern.too_long");

    [Test]
    public void Unsupported_constructs_are_named_in_the_message() =>
        LabelPatterns.Check("(?=gpu)gpu")!.Message.ShouldContain("lookaround");

    [TestCase("team-a-.*", "team-a-gpu", true)]
    [TestCase("team-a-.*", "xteam-a-gpu", false, Description = "matched against the whole label, not a substring")]
    [TestCase("team-a-.*", "team-a-", true)]
    [TestCase("team-a-.*", "TEAM-A-GPU", true, Description = "case-insensitive")]
    [TestCase("TEAM-A-.*", "team-a-gpu", true)]
    [TestCase("gpu", "gpu-large", false)]
    [TestCase("gpu", "large-gpu", false)]
    [TestCase("gpu|cpu", "cpu", true)]
    [TestCase("gpu|cpu", "gpucpu", false)]
    [TestCase("a|ab", "ab", true, Description = "alternation inside the wrapping group, not leftmost-first only")]
    [TestCase("team-a-.*", "team-a-gpu\n", false, Description = "the end anchor does not accept a trailing line break")]
    [TestCase("(", "(", false, Description = "an invalid stored pattern matches nothing")]
    public void Patterns_match_whole_labels_ignoring_case(string pattern, string label, bool expected) =>
        LabelPatterns.IsMatch(pattern, label).ShouldBe(expected);

    [Test]
    public void A_pathological_pattern_against_a_long_label_completes()
    {
        // (a+)+$ backtracks exponentially on "aaaa...!" in a backtracking engine; the non-backtracking
        // engine answers in linear time. No timing assertion: completing at all is the point.
        var label = new string('a', 100_000) + "!";

        LabelPatterns.IsMatch("(a+)+$", label).ShouldBeFalse();
        LabelPatterns.IsMatch("(a|aa)+", label).ShouldBeFalse();
        LabelPatterns.IsMatch("(a+)+", new string('a', 100_000)).ShouldBeTrue();
    }
}
