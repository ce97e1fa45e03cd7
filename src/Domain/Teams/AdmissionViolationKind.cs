namespace RunnerTokens.Domain.Teams;

/// <summary>The families of admission violations, in the order of severity used to pick the error code.</summary>
public enum AdmissionViolationKind
{
    /// <summary>Nothing is admitted at all: <c>team.deactivated</c>.</summary>
    TeamDeactivated,

    /// <summary>A label the policy refuses: retrying will not help. <c>runner.label_not_allowed</c>.</summary>
    Label,

    /// <summary>A runner group the policy refuses: retrying will not help. <c>runner.group_not_allowed</c>.</summary>
    RunnerGroup,

    /// <summary>The quota is reached: the same request succeeds once a runner goes away. <c>runner.quota_exceeded</c>.</summary>
    Quota,
}
