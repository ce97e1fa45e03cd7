using RunnerTokens.Domain.Common;

namespace RunnerTokens.Domain.Teams;

/// <summary>
/// The outcome of evaluating a runner request against a team's policy: an <see cref="Admission"/>, or
/// every violation at once. A dry run returns this as it is; provisioning uses <see cref="ToResult"/>.
/// </summary>
public sealed record AdmissionDecision(Admission? Admission, int PolicyVersion, IReadOnlyList<AdmissionViolation> Violations)
{
    public bool IsAdmitted => Admission is not null;

    public static AdmissionDecision Admitted(Admission admission) => new(admission, admission.PolicyVersion, []);

    public static AdmissionDecision Refused(int policyVersion, IReadOnlyList<AdmissionViolation> violations)
    {
        if (violations.Count == 0)
        {
            throw new ArgumentException("A refusal has at least one violation.", nameof(violations));
        }

        return new(null, policyVersion, violations);
    }

    /// <summary>The admission, or one error listing every violation (see <see cref="AdmissionErrors.For"/>).</summary>
    public Result<Admission> ToResult() => Admission is { } admission ? admission : AdmissionErrors.For(this);
}
