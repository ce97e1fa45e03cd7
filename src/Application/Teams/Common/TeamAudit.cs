using RunnerTokens.Application.Common.Auditing;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Teams.Common;

/// <summary>
/// The audit actions of team use cases and the before/after shapes they record. Snapshots are explicit
/// records so the audit trail keeps its shape when the entities change.
/// </summary>
internal static class TeamAudit
{
    public const string TargetTeam = "team";
    public const string TargetPolicy = "label_policy";
    public const string TargetMembership = "team_membership";

    public const string Created = "team.created";
    public const string Updated = "team.updated";
    public const string Deactivated = "team.deactivated";
    public const string Reactivated = "team.reactivated";
    public const string PolicyChanged = "team.policy_changed";
    public const string MemberAdded = "team.member_added";
    public const string MemberRoleChanged = "team.member_role_changed";
    public const string MemberRemoved = "team.member_removed";

    public static void RecordTeamChange(this IAuditLog audit, string action, Team team, TeamSnapshot? before, TeamSnapshot? after) =>
        audit.Record(new AuditEntry(action, TargetTeam, team.Id.ToString(), AuditOutcome.Succeeded, team.Id, new ChangeDetails<TeamSnapshot>(before, after)));

    public static void RecordPolicyChange(this IAuditLog audit, Team team, LabelPolicy? before, LabelPolicy after) =>
        audit.Record(new AuditEntry(
            PolicyChanged,
            TargetPolicy,
            after.Id.ToString(),
            AuditOutcome.Succeeded,
            team.Id,
            new PolicyChangeDetails(team.Name, before?.Version, after.Version, before?.ToSnapshot(), after.ToSnapshot())));

    public static void RecordMembershipChange(this IAuditLog audit, string action, Team team, Guid userId, MembershipSnapshot? before, MembershipSnapshot? after) =>
        audit.Record(new AuditEntry(
            action,
            TargetMembership,
            $"{team.Id}/{userId}",
            AuditOutcome.Succeeded,
            team.Id,
            new ChangeDetails<MembershipSnapshot>(before, after)));

    public static TeamSnapshot Snapshot(this Team team) =>
        new(team.Name, team.Description, team.Organization, team.IsActive, team.DeactivationReason, team.DeactivatedBy, team.DeactivatedAt);

    public sealed record ChangeDetails<T>(T? Before, T? After);

    public sealed record PolicyChangeDetails(string Team, int? BeforeVersion, int AfterVersion, LabelPolicySnapshot? Before, LabelPolicySnapshot After);

    /// <summary>A policy version in full, ids included, as the audit trail records it.</summary>
    public sealed record LabelPolicySnapshot(
        Guid Id,
        Guid TeamId,
        int Version,
        IReadOnlyList<string> RequiredLabels,
        IReadOnlyList<string> AllowedLabelPatterns,
        IReadOnlyList<long> AllowedRunnerGroupIds,
        long? DefaultRunnerGroupId,
        int? MaxRunners,
        bool AllowRegistrationTokens,
        bool AllowPersistentRunners,
        string CreatedBy,
        DateTimeOffset CreatedAt);

    public sealed record TeamSnapshot(
        string Name,
        string Description,
        string Organization,
        bool IsActive,
        string? DeactivationReason,
        string? DeactivatedBy,
        DateTimeOffset? DeactivatedAt);

    public sealed record MembershipSnapshot(string Team, Guid UserId, string Role)
    {
        public MembershipSnapshot(Team team, TeamMembership membership)
            : this(team.Name, membership.UserId, membership.Role.ToString().ToLowerInvariant())
        {
        }
    }
}
