namespace RunnerTokens.Application.Teams.EvaluateAdmission;

/// <summary>One reason a runner would not be admitted; see docs/label-policies.md for the codes.</summary>
/// <param name="Label">The offending label, for label violations.</param>
/// <param name="RunnerGroupId">The refused runner group, for <c>runner_group.not_allowed</c>.</param>
/// <param name="Current">Live runners (or labels, for <c>labels.too_many</c>) now.</param>
/// <param name="Max">The limit that was reached.</param>
public sealed record AdmissionViolationDto(string Code, string Message, string? Label, long? RunnerGroupId, int? Current, int? Max);
