namespace RunnerTokens.Domain.Teams;

/// <summary>The editable content of a label policy; every change becomes a new <see cref="LabelPolicy"/> version.</summary>
/// <param name="RequiredLabels">Always applied to the team's runners, before the requested ones.</param>
/// <param name="AllowedLabelPatterns">A requested label (other than a required one) must match one of these whole.</param>
/// <param name="AllowedRunnerGroupIds">GitHub runner groups a caller may ask for (the default group is always allowed).</param>
/// <param name="DefaultRunnerGroupId">Used when the caller asks for none; null means GitHub's default group (id 1).</param>
/// <param name="MaxRunners">Most live runners the team may have at once; null is unlimited, 0 admits none.</param>
/// <param name="AllowRegistrationTokens">Whether the team may obtain registration tokens (not only JIT configs).</param>
/// <param name="AllowPersistentRunners">Whether registration-token runners may be persistent (not <c>--ephemeral</c>).</param>
public sealed record LabelPolicySettings(
    IReadOnlyList<string> RequiredLabels,
    IReadOnlyList<string> AllowedLabelPatterns,
    IReadOnlyList<long> AllowedRunnerGroupIds,
    long? DefaultRunnerGroupId,
    int? MaxRunners,
    bool AllowRegistrationTokens,
    bool AllowPersistentRunners)
{
    /// <summary>A new team's policy unless one is given: no required labels, no extra labels, default group, no quota.</summary>
    public static readonly LabelPolicySettings Default = new([], [], [], null, null, false, false);
}
