using RunnerTokens.Domain.Common;

namespace RunnerTokens.Domain.Teams;

/// <summary>The unit of authorization: owns a label policy, a quota, members and machine identities.</summary>
public sealed class Team : Entity
{
    public const int MaxDescriptionLength = 1000;
    public const int MaxReasonLength = 1000;

    private Team(Guid id) : base(id) { }

    /// <summary>Unique slug (see <see cref="TeamNames"/>); never changes.</summary>
    public string Name { get; private set; } = string.Empty;
    public string Description { get; private set; } = string.Empty;

    /// <summary>The GitHub organization the team's runners are provisioned into.</summary>
    public string Organization { get; private set; } = string.Empty;
    public bool IsActive { get; private set; }
    public string? DeactivationReason { get; private set; }
    public DateTimeOffset? DeactivatedAt { get; private set; }

    /// <summary>Audit id of the principal who deactivated the team.</summary>
    public string? DeactivatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static Result<Team> Create(string name, string? description, string organization, DateTimeOffset now)
    {
        if (!TeamNames.IsValid(name))
        {
            return TeamErrors.InvalidName;
        }

        if (!GitHubOrganizationNames.IsValid(organization))
        {
            return TeamErrors.InvalidOrganization;
        }

        var normalizedDescription = description?.Trim() ?? string.Empty;
        if (normalizedDescription.Length > MaxDescriptionLength)
        {
            return TeamErrors.InvalidDescription;
        }

        return new Team(Guid.CreateVersion7(now))
        {
            Name = name,
            Description = normalizedDescription,
            Organization = organization,
            IsActive = true,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    public Result UpdateDescription(string? description, DateTimeOffset now)
    {
        var normalized = description?.Trim() ?? string.Empty;
        if (normalized.Length > MaxDescriptionLength)
        {
            return TeamErrors.InvalidDescription;
        }

        Description = normalized;
        UpdatedAt = now;
        return Result.Success();
    }

    /// <summary>Stops the team admitting new runners. Its members can still list and delete its runners.</summary>
    /// <param name="actor">Audit id of who deactivates it.</param>
    public Result Deactivate(string? reason, string actor, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var normalized = reason?.Trim();
        if (string.IsNullOrEmpty(normalized) || normalized.Length > MaxReasonLength)
        {
            return TeamErrors.DeactivationReasonRequired;
        }

        if (!IsActive)
        {
            return TeamErrors.AlreadyDeactivated;
        }

        IsActive = false;
        DeactivationReason = normalized;
        DeactivatedAt = now;
        DeactivatedBy = actor;
        UpdatedAt = now;
        return Result.Success();
    }

    /// <summary>Lets the team admit runners again; the deactivation stays in the audit trail.</summary>
    public Result Reactivate(DateTimeOffset now)
    {
        if (IsActive)
        {
            return TeamErrors.NotDeactivated;
        }

        IsActive = true;
        DeactivationReason = null;
        DeactivatedAt = null;
        DeactivatedBy = null;
        UpdatedAt = now;
        return Result.Success();
    }

    /// <summary>
    /// The admission decision for a runner of this team: the policy's decision, refused as a whole
    /// when the team is deactivated. Never fails: a refusal lists every violation.
    /// </summary>
    /// <param name="labelsReservedByOtherTeams">See <see cref="LabelIsolation.ReservedFor"/>.</param>
    public AdmissionDecision Evaluate(
        LabelPolicy policy,
        IReadOnlyCollection<string?>? requestedLabels,
        long? requestedRunnerGroupId,
        int liveRunnerCount,
        IReadOnlySet<string>? labelsReservedByOtherTeams = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.TeamId != Id)
        {
            throw new InvalidOperationException($"Policy {policy.Id} belongs to team {policy.TeamId}, not {Id}.");
        }

        var decision = AdmissionPolicy.Evaluate(policy, requestedLabels, requestedRunnerGroupId, liveRunnerCount, labelsReservedByOtherTeams);
        return IsActive
            ? decision
            : AdmissionDecision.Refused(policy.Version, [AdmissionViolation.TeamDeactivated(), .. decision.Violations]);
    }

    /// <summary>Admits a runner, or refuses it with one error listing every violation (see <see cref="AdmissionErrors"/>).</summary>
    public Result<Admission> Admit(
        LabelPolicy policy,
        IReadOnlyCollection<string?>? requestedLabels,
        long? requestedRunnerGroupId,
        int liveRunnerCount,
        IReadOnlySet<string>? labelsReservedByOtherTeams = null) =>
        Evaluate(policy, requestedLabels, requestedRunnerGroupId, liveRunnerCount, labelsReservedByOtherTeams).ToResult();
}
