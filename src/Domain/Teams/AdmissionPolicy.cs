namespace RunnerTokens.Domain.Teams;

/// <summary>
/// The admission decision, pure: a policy, the requested labels and runner group and the team's count of
/// live runners give the final labels and group, or every violation at once.
/// </summary>
public static class AdmissionPolicy
{
    /// <remarks>
    /// <list type="bullet">
    /// <item>Final labels: the required ones first (policy order), then the requested ones (request order),
    /// without duplicates ignoring case; the first spelling is kept. The caller need not send required labels;
    /// sending one (in any case) is fine.</item>
    /// <item>Each other requested label must follow the <see cref="Labels"/> rules and match one allowed pattern
    /// whole; each distinct offending label is reported once, with the first reason that applies.</item>
    /// <item>At most <see cref="Labels.MaxCount"/> distinct labels in total, required ones included.</item>
    /// <item>Runner group: the requested one if it is the policy's default (or GitHub's default group 1 when the
    /// policy has none) or one of its allowed groups; without a request, that default.</item>
    /// <item>Quota: refused when the live runners already number <c>maxRunners</c> (null is unlimited).</item>
    /// <item>Label isolation: a requested label in <paramref name="labelsReservedByOtherTeams"/> (another active
    /// team's required label, see <see cref="LabelIsolation"/>) is refused whatever the patterns say; the team's
    /// own required labels are never refused.</item>
    /// </list>
    /// </remarks>
    public static AdmissionDecision Evaluate(
        LabelPolicy policy,
        IReadOnlyCollection<string?>? requestedLabels,
        long? requestedRunnerGroupId,
        int liveRunnerCount,
        IReadOnlySet<string>? labelsReservedByOtherTeams = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentOutOfRangeException.ThrowIfNegative(liveRunnerCount);

        var violations = new List<AdmissionViolation>();
        var finalLabels = new List<string>(policy.RequiredLabels);
        var present = new HashSet<string>(policy.RequiredLabels, Labels.Comparer);
        var reported = new HashSet<string>(Labels.Comparer);
        var distinctCount = present.Count;

        foreach (var label in requestedLabels ?? [])
        {
            if (label is not null && present.Contains(label))
            {
                continue;
            }

            if (!reported.Add(label ?? string.Empty))
            {
                continue;
            }

            distinctCount++;
            if (Labels.Check(label) is { } problem)
            {
                violations.Add(AdmissionViolation.InvalidLabel(label, problem));
            }
            else if (labelsReservedByOtherTeams?.Contains(label!) == true)
            {
                violations.Add(AdmissionViolation.LabelReservedByOtherTeam(label!));
            }
            else if (!LabelPatterns.MatchesAny(policy.AllowedLabelPatterns, label!))
            {
                violations.Add(AdmissionViolation.LabelNotAllowed(label!));
            }
            else
            {
                present.Add(label!);
                finalLabels.Add(label!);
            }
        }

        if (distinctCount > Labels.MaxCount)
        {
            violations.Add(AdmissionViolation.TooManyLabels(distinctCount));
        }

        var runnerGroupId = requestedRunnerGroupId ?? policy.EffectiveDefaultRunnerGroupId;
        if (requestedRunnerGroupId is { } requested
            && requested != policy.EffectiveDefaultRunnerGroupId
            && !policy.AllowedRunnerGroupIds.Contains(requested))
        {
            violations.Add(AdmissionViolation.RunnerGroupNotAllowed(requested));
        }

        if (policy.MaxRunners is { } max && liveRunnerCount >= max)
        {
            violations.Add(AdmissionViolation.QuotaExceeded(liveRunnerCount, max));
        }

        return violations.Count > 0
            ? AdmissionDecision.Refused(policy.Version, violations)
            : AdmissionDecision.Admitted(new Admission(finalLabels, runnerGroupId, policy.Id, policy.Version));
    }
}
