using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Domain.UnitTests.Identity;

public sealed class IssuerIdentifierTests
{
    [TestCase("https://login.example", "https://login.example", true)]
    [TestCase("https://login.example/", "https://login.example", true)]
    [TestCase("https://login.example", "https://login.example/", true)]
    [TestCase("https://login.example//", "https://login.example", false)]
    [TestCase("https://login.example//", "https://login.example/", false)] // compared by one form (without one slash): transitive
    [TestCase("https://Login.example", "https://login.example", false)]
    [TestCase("https://login.example/v2", "https://login.example", false)]
    public void Issuers_compare_ordinally_ignoring_one_trailing_slash(string first, string second, bool equal)
    {
        IssuerIdentifier.AreEqual(first, second).ShouldBe(equal);
        IssuerIdentifier.AreEqual(second, first).ShouldBe(equal);
    }

    [Test]
    public void Null_is_equal_to_nothing() => IssuerIdentifier.AreEqual(null, "https://login.example").ShouldBeFalse();

    [Test]
    public void The_query_spellings_are_exactly_the_issuers_equal_to_it()
    {
        var (bare, withSlash) = IssuerIdentifier.Spellings("https://login.example/");

        bare.ShouldBe("https://login.example");
        withSlash.ShouldBe("https://login.example/");
        IssuerIdentifier.AreEqual(bare, "https://login.example/").ShouldBeTrue();
        IssuerIdentifier.AreEqual(withSlash, "https://login.example").ShouldBeTrue();
    }
}
