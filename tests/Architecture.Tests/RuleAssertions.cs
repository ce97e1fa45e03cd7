using NetArchTest.Rules;

namespace RunnerTokens.Architecture.Tests;

internal static class RuleAssertions
{
    public static void ShouldPass(this TestResult result, string rule)
    {
        var failing = (result.FailingTypes ?? []).Select(Describe).ToList();
        result.IsSuccessful.ShouldBeTrue($"{rule} is broken by:{Environment.NewLine}{string.Join(Environment.NewLine, failing)}");
    }

    /// <summary>The rule rejects the deliberately bad fixtures, each of them: it is able to fail.</summary>
    public static void ShouldFailFor(this TestResult result, string rule, params Type[] offenders)
    {
        result.IsSuccessful.ShouldBeFalse($"{rule} accepted the deliberate violations, so it cannot catch real ones");
        var failing = (result.FailingTypes ?? []).Select(t => t.FullName.Replace('/', '+')).ToHashSet();
        foreach (var offender in offenders)
        {
            failing.ShouldContain(offender.FullName!, $"{rule} should reject {offender.Name}");
        }
    }

    private static string Describe(IType type) =>
        string.IsNullOrEmpty(type.Explanation) ? $"  {type.FullName}" : $"  {type.FullName}: {type.Explanation}";

    /// <summary>Every one of <paramref name="expected"/> is in <paramref name="actual"/>.</summary>
    public static void ShouldBeSupersetOfAll(this IReadOnlyList<string> actual, string[] expected) =>
        expected.ShouldBeSubsetOf(actual);
}
