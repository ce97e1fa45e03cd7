namespace RunnerTokens.Application.Teams.EvaluateAdmission;

/// <summary>What provisioning would decide now.</summary>
/// <param name="FinalLabels">The labels the runner would get; null when refused.</param>
/// <param name="RunnerGroupId">The runner group it would join; null when refused.</param>
/// <param name="LiveRunners">The team's live runners counted for the quota.</param>
/// <param name="MaxRunners">The policy's quota; null is unlimited.</param>
public sealed record AdmissionDecisionDto(
    bool Admitted,
    IReadOnlyList<string>? FinalLabels,
    long? RunnerGroupId,
    int PolicyVersion,
    int LiveRunners,
    int? MaxRunners,
    IReadOnlyList<AdmissionViolationDto> Violations);
