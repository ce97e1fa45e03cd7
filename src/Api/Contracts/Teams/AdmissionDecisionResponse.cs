using RunnerTokens.Application.Teams.EvaluateAdmission;

namespace RunnerTokens.Api.Contracts.Teams;

/// <summary>
/// What provisioning would decide now. Admitted: the final labels and runner group. Refused: every violation.
/// </summary>
public sealed record AdmissionDecisionResponse(
    bool Admitted,
    IReadOnlyList<string>? FinalLabels,
    long? RunnerGroupId,
    int PolicyVersion,
    int LiveRunners,
    int? MaxRunners,
    IReadOnlyList<AdmissionViolationResponse> Violations)
{
    public static AdmissionDecisionResponse From(AdmissionDecisionDto decision) => new(
        decision.Admitted,
        decision.FinalLabels,
        decision.RunnerGroupId,
        decision.PolicyVersion,
        decision.LiveRunners,
        decision.MaxRunners,
        [.. decision.Violations.Select(AdmissionViolationResponse.From)]);
}
