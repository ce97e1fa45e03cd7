using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Domain.UnitTests.Teams;

/// <summary>Builds policies for tests with short named arguments.</summary>
internal static class PolicyBuilder
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly Guid TeamId = Guid.CreateVersion7(Now);

    public static LabelPolicySettings Settings(
        string[]? required = null,
        string[]? patterns = null,
        long[]? groups = null,
        long? defaultGroup = null,
        int? max = null) =>
        new(required ?? [], patterns ?? [], groups ?? [], defaultGroup, max, AllowRegistrationTokens: false, AllowPersistentRunners: false);

    public static LabelPolicy Policy(LabelPolicySettings settings, Guid? teamId = null)
    {
        var result = LabelPolicy.First(teamId ?? TeamId, settings, "test", Now);
        result.IsSuccess.ShouldBeTrue($"the test policy is invalid: {result.Error}");
        return result.Value;
    }

    public static LabelPolicy Policy(
        string[]? required = null,
        string[]? patterns = null,
        long[]? groups = null,
        long? defaultGroup = null,
        int? max = null) =>
        Policy(Settings(required, patterns, groups, defaultGroup, max));

    public static string[] Numbered(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => $"{prefix}{i}")];
}
