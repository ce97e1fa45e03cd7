using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Api.Contracts.Teams;

/// <summary>One reason a runner would not be admitted; see docs/label-policies.md for the codes.</summary>
public sealed record AdmissionViolationResponse(string Code, string Message, string? Label, long? RunnerGroupId, int? Current, int? Max)
{
    public static AdmissionViolationResponse From(AdmissionViolation violation) => new(
        violation.Code, violation.Message, violation.Label, violation.RunnerGroupId, violation.Current, violation.Max);
}
