using RunnerTokens.Domain.Common;

namespace RunnerTokens.Domain.Teams;

/// <summary>
/// The errors of a refused admission. One error always carries every violation (<c>violations</c>
/// detail). When violations of several kinds occur, the code is the most severe one, in this order:
/// <c>team.deactivated</c> (403), <c>runner.label_not_allowed</c> (403), <c>runner.group_not_allowed</c> (403),
/// <c>runner.quota_exceeded</c> (409). A policy refusal ranks above the quota because it is permanent for
/// that request, whereas a quota refusal clears once a runner goes away: a client that retries on 409 must
/// not retry a request the policy will never admit.
/// </summary>
public static class AdmissionErrors
{
    public static readonly Error LabelNotAllowed = Error.Forbidden(
        "runner.label_not_allowed", "The team's policy does not allow some of the requested labels; see violations.");

    public static readonly Error GroupNotAllowed = Error.Forbidden(
        "runner.group_not_allowed", "The team's policy does not allow the requested runner group; see violations.");

    public static readonly Error QuotaExceeded = Error.Conflict(
        "runner.quota_exceeded", "The team has reached its quota of live runners; see current and max.");

    public static Error For(AdmissionDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.IsAdmitted)
        {
            throw new InvalidOperationException("An admitted decision has no error.");
        }

        var worst = decision.Violations.Min(v => v.Kind);
        var error = worst switch
        {
            AdmissionViolationKind.TeamDeactivated => TeamErrors.Deactivated,
            AdmissionViolationKind.Label => LabelNotAllowed,
            AdmissionViolationKind.RunnerGroup => GroupNotAllowed,
            _ => QuotaExceeded,
        };

        error = error
            .WithDetail("violations", decision.Violations)
            .WithDetail("policyVersion", decision.PolicyVersion);
        if (decision.Violations.FirstOrDefault(v => v.Kind == AdmissionViolationKind.Quota) is { } quota)
        {
            error = error.WithDetail("current", quota.Current).WithDetail("max", quota.Max);
        }

        return error;
    }
}
