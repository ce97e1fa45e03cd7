using RunnerTokens.Domain.Common;

namespace RunnerTokens.Domain.Teams;

/// <summary>Expected failures of team operations. Codes are stable: clients switch on them.</summary>
public static class TeamErrors
{
    /// <summary>No such team, or the caller may not see it (no existence leak).</summary>
    public static readonly Error NotFound = Error.NotFound("team.not_found", "No such team.");

    public static readonly Error NameTaken = Error.Conflict("team.name_taken", "A team with this name already exists.");

    public static readonly Error InvalidName = Error.Validation(
        "team.invalid_name",
        $"A team name is {TeamNames.MinLength}-{TeamNames.MaxLength} lowercase letters, digits and hyphens, starting and ending with a letter or digit.");

    public static readonly Error InvalidDescription = Error.Validation(
        "team.invalid_description", $"A description has at most {Team.MaxDescriptionLength} characters.");

    public static readonly Error InvalidOrganization = Error.Validation(
        "team.invalid_organization",
        "The organization is not a valid GitHub organization name (1-39 letters, digits and single hyphens, not at either end).");

    public static readonly Error UnknownOrganization = Error.Validation(
        "team.unknown_organization", "The organization is not one of the GitHub organizations this service is configured for.");

    /// <summary>The team is deactivated: it admits no new runners.</summary>
    public static readonly Error Deactivated = Error.Forbidden("team.deactivated", "The team is deactivated and admits no new runners.");

    public static readonly Error AlreadyDeactivated = Error.Conflict("team.already_deactivated", "The team is already deactivated.");

    public static readonly Error NotDeactivated = Error.Conflict("team.not_deactivated", "The team is active; there is nothing to reactivate.");

    public static readonly Error DeactivationReasonRequired = Error.Validation(
        "team.deactivation_reason_required", $"A reason (1-{Team.MaxReasonLength} characters) is required to deactivate a team.");

    public static readonly Error PolicyInvalid = Error.Validation("team.policy_invalid", "The label policy is invalid; see violations.");

    public static readonly Error PolicyNotFound = Error.NotFound("team.policy_not_found", "No such policy version for this team.");

    /// <summary>Another request made a conflicting change at the same time (the same policy version, the same member).</summary>
    public static readonly Error ConcurrentChange = Error.Conflict(
        "team.concurrent_change", "Another request changed this at the same time; read it again and retry.");

    /// <summary>The If-Match version is not the current one: someone saved another version since the caller read it.</summary>
    public static Error PolicyVersionMismatch(int expected, int current) => Error.PreconditionFailed(
        "policy.version_mismatch",
        $"The policy is at version {current}, not {expected}: read it again (GET the policy, use its ETag as If-Match) and retry.")
        .WithDetail("expectedVersion", expected)
        .WithDetail("currentVersion", current);

    public static readonly Error MemberNotFound = Error.NotFound("team.member_not_found", "The user is not a member of this team.");

    public static Error InvalidPolicy(IReadOnlyList<LabelPolicyViolation> violations) =>
        PolicyInvalid.WithDetail("violations", violations);
}
