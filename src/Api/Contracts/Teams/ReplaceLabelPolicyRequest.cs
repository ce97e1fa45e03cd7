using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Api.Contracts.Teams;

/// <summary>
/// A whole label policy: saving it makes the team's next policy version. Every field is required, so a
/// partial body cannot reset the others (use PATCH to change some fields): send <c>[]</c> for an empty
/// list, <c>null</c> for no default group or unlimited runners, <c>false</c> for a flag that is off.
/// </summary>
public sealed class ReplaceLabelPolicyRequest : WholeObjectRequest
{
    /// <summary>Labels every runner of the team gets (may be empty).</summary>
    public required IReadOnlyList<string>? RequiredLabels { get; init => field = Sent(value); }

    /// <summary>Patterns a requested label must match whole (may be empty: no labels beyond the required ones).</summary>
    public required IReadOnlyList<string>? AllowedLabelPatterns { get; init => field = Sent(value); }

    /// <summary>Runner groups a caller may ask for besides the default one (may be empty).</summary>
    public required IReadOnlyList<long>? AllowedRunnerGroupIds { get; init => field = Sent(value); }

    /// <summary>The group used when the caller asks for none; null is GitHub's default group (1).</summary>
    public required long? DefaultRunnerGroupId { get; init => field = Sent(value); }

    /// <summary>Most live runners at once; null is unlimited, 0 admits none.</summary>
    public required int? MaxRunners { get; init => field = Sent(value); }

    public required bool AllowRegistrationTokens { get; init => field = Sent(value); }

    public required bool AllowPersistentRunners { get; init => field = Sent(value); }

    /// <summary>A null list is refused by the policy's own validation (<c>policy.field_required</c>), never emptied silently.</summary>
    public LabelPolicySettings ToSettings() => new(
        RequiredLabels!,
        AllowedLabelPatterns!,
        AllowedRunnerGroupIds!,
        DefaultRunnerGroupId,
        MaxRunners,
        AllowRegistrationTokens,
        AllowPersistentRunners);
}
