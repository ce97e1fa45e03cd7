namespace RunnerTokens.Domain.Teams;

/// <summary>One reason a runner is not admitted. Only the members relevant to the code are set.</summary>
/// <param name="Code">
/// Stable code: <c>label.empty</c>, <c>label.too_long</c>, <c>label.invalid_characters</c>,
/// <c>label.reserved_by_github</c>, <c>label.reserved_by_other_team</c>, <c>label.not_allowed</c>, <c>labels.too_many</c>,
/// <c>runner_group.not_allowed</c>, <c>quota.exceeded</c> or <c>team.deactivated</c>.
/// </param>
public sealed record AdmissionViolation(string Code, string Message)
{
    public const string LabelNotAllowedCode = "label.not_allowed";
    public const string LabelReservedByOtherTeamCode = "label.reserved_by_other_team";
    public const string TooManyLabelsCode = "labels.too_many";
    public const string RunnerGroupNotAllowedCode = "runner_group.not_allowed";
    public const string QuotaExceededCode = "quota.exceeded";
    public const string TeamDeactivatedCode = "team.deactivated";

    private const int MaxEchoedLabelLength = 200;

    /// <summary>The offending label (shortened to 200 characters), for label violations.</summary>
    public string? Label { get; init; }

    /// <summary>The refused runner group, for <c>runner_group.not_allowed</c>.</summary>
    public long? RunnerGroupId { get; init; }

    /// <summary>Live runners (or labels, for <c>labels.too_many</c>) now.</summary>
    public int? Current { get; init; }

    /// <summary>The limit that was reached.</summary>
    public int? Max { get; init; }

    public AdmissionViolationKind Kind => Code switch
    {
        TeamDeactivatedCode => AdmissionViolationKind.TeamDeactivated,
        RunnerGroupNotAllowedCode => AdmissionViolationKind.RunnerGroup,
        QuotaExceededCode => AdmissionViolationKind.Quota,
        _ => AdmissionViolationKind.Label,
    };

    public static AdmissionViolation InvalidLabel(string? label, LabelProblem problem) =>
        new(problem.Code(), problem.Describe()) { Label = Echo(label) };

    public static AdmissionViolation LabelNotAllowed(string label) =>
        new(LabelNotAllowedCode, "The label is neither required by the team's policy nor matched by one of its allowed patterns.") { Label = Echo(label) };

    public static AdmissionViolation LabelReservedByOtherTeam(string label) =>
        new(LabelReservedByOtherTeamCode, "The label is required by another team's policy: only that team's runners may carry it.") { Label = Echo(label) };

    public static AdmissionViolation TooManyLabels(int count) =>
        new(TooManyLabelsCode, $"A runner carries at most {Labels.MaxCount} labels, required ones included.") { Current = count, Max = Labels.MaxCount };

    public static AdmissionViolation RunnerGroupNotAllowed(long runnerGroupId) =>
        new(RunnerGroupNotAllowedCode, "The team's policy does not allow this runner group.") { RunnerGroupId = runnerGroupId };

    public static AdmissionViolation QuotaExceeded(int current, int max) =>
        new(QuotaExceededCode, $"The team has {current} live runners and may have at most {max}.") { Current = current, Max = max };

    public static AdmissionViolation TeamDeactivated() =>
        new(TeamDeactivatedCode, "The team is deactivated and admits no new runners.");

    private static string? Echo(string? label) =>
        label is { Length: > MaxEchoedLabelLength } ? label[..MaxEchoedLabelLength] + "…" : label;
}
