using RunnerTokens.Domain.Runners;

namespace RunnerTokens.Domain.UnitTests.Runners;

public sealed class RunnerNameTests
{
    [TestCase("a", true)]
    [TestCase("build-01", true)]
    [TestCase("Build_01.x", true)]
    [TestCase("9lives", true)]
    [TestCase("", false)]
    [TestCase("-leading-dash", false)]
    [TestCase(".leading-dot", false)]
    [TestCase("_leading-underscore", false)]
    [TestCase("has space", false)]
    [TestCase("slash/name", false)]
    [TestCase("ünicode", false)]
    public void Names_follow_the_charset_rules(string name, bool valid) =>
        RunnerName.IsValid(name).ShouldBe(valid);

    [Test]
    public void A_name_may_be_64_characters_but_not_65()
    {
        RunnerName.IsValid(new string('a', 64)).ShouldBeTrue();
        RunnerName.IsValid(new string('a', 65)).ShouldBeFalse();
    }

    [Test]
    public void A_prefix_may_be_50_characters_but_not_51()
    {
        RunnerName.IsValidPrefix(new string('a', 50)).ShouldBeTrue();
        RunnerName.IsValidPrefix(new string('a', 51)).ShouldBeFalse();
    }

    [Test]
    public void A_generated_name_is_the_prefix_a_dash_and_eight_lowercase_letters_or_digits()
    {
        var name = RunnerName.WithRandomSuffix("ci");

        name.ShouldMatch("^ci-[a-z0-9]{8}$");
        RunnerName.IsValid(name).ShouldBeTrue();
    }

    [Test]
    public void The_longest_prefix_still_gives_a_valid_name()
    {
        RunnerName.IsValid(RunnerName.WithRandomSuffix(new string('p', RunnerName.MaxPrefixLength))).ShouldBeTrue();
    }

    [Test]
    public void Generated_suffixes_differ()
    {
        var names = Enumerable.Range(0, 200).Select(_ => RunnerName.WithRandomSuffix("x")).ToHashSet();

        names.Count.ShouldBe(200);
    }
}
