using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Domain.UnitTests.Teams;

public sealed class LabelsTests
{
    [TestCase("gpu")]
    [TestCase("GPU")]
    [TestCase("team-a.gpu_1")]
    [TestCase("a")]
    [TestCase("0")]
    [TestCase("self-hosted-2", Description = "only the exact GitHub labels are reserved")]
    [TestCase("linux-large")]
    public void Valid_labels_pass(string label) => Labels.Check(label).ShouldBeNull();

    [Test]
    public void A_label_of_exactly_100_characters_is_valid() => Labels.Check(new string('a', 100)).ShouldBeNull();

    [TestCase("", LabelProblem.Empty)]
    [TestCase(null, LabelProblem.Empty)]
    [TestCase("has space", LabelProblem.InvalidCharacters)]
    [TestCase(" gpu", LabelProblem.InvalidCharacters)]
    [TestCase("gpu\n", LabelProblem.InvalidCharacters)]
    [TestCase("a/b", LabelProblem.InvalidCharacters)]
    [TestCase("a:b", LabelProblem.InvalidCharacters)]
    [TestCase("a,b", LabelProblem.InvalidCharacters)]
    [TestCase("gpü", LabelProblem.InvalidCharacters)]
    [TestCase("ｇｐｕ", LabelProblem.InvalidCharacters)]
    [TestCase("self-hosted", LabelProblem.ReservedByGitHub)]
    [TestCase("Self-Hosted", LabelProblem.ReservedByGitHub)]
    [TestCase("linux", LabelProblem.ReservedByGitHub)]
    [TestCase("LINUX", LabelProblem.ReservedByGitHub)]
    [TestCase("windows", LabelProblem.ReservedByGitHub)]
    [TestCase("macOS", LabelProblem.ReservedByGitHub)]
    [TestCase("x64", LabelProblem.ReservedByGitHub)]
    [TestCase("arm", LabelProblem.ReservedByGitHub)]
    [TestCase("ARM64", LabelProblem.ReservedByGitHub)]
    public void Invalid_labels_report_why(string? label, LabelProblem expected) => Labels.Check(label).ShouldBe(expected);

    [Test]
    public void A_label_of_101_characters_is_too_long() => Labels.Check(new string('a', 101)).ShouldBe(LabelProblem.TooLong);

    [Test]
    public void Every_problem_has_a_stable_code_and_a_description()
    {
        foreach (var problem in Enum.GetValues<LabelProblem>())
        {
            problem.Code().ShouldStartWith("label.");
            problem.Describe().ShouldNotBeNullOrWhiteSpace();
        }
    }
}
