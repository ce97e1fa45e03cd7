namespace RunnerTokens.Domain.Runners.Reconciliation;

/// <summary>
/// The sync's rules, pure: what the service believes (live runners of one organization) and what GitHub
/// lists give the changes to make. Nothing here calls GitHub or the database.
/// </summary>
public static class RunnerReconciliation
{
    public static IReadOnlyList<RunnerAction> Plan(
        IReadOnlyCollection<Runner> liveRunners,
        IReadOnlyCollection<GitHubRunnerState> atGitHub,
        ReconciliationSettings settings,
        DateTimeOffset now)
    {
        var byId = new Dictionary<long, GitHubRunnerState>();
        var byName = new Dictionary<string, GitHubRunnerState>(StringComparer.OrdinalIgnoreCase);
        foreach (var state in atGitHub)
        {
            byId.TryAdd(state.Id, state);
            byName.TryAdd(state.Name, state);
        }

        var actions = new List<RunnerAction>();
        foreach (var runner in liveRunners)
        {
            if (!runner.IsLive)
            {
                continue;
            }

            var github = runner.GitHubRunnerId is { } id
                ? byId.GetValueOrDefault(id)
                : runner.Kind == RunnerKind.RegistrationToken || runner.Status == RunnerStatus.Provisioning
                    ? byName.GetValueOrDefault(runner.Name)
                    : null;

            if (PlanOne(runner, github, settings, now) is { } action)
            {
                actions.Add(action);
            }
        }

        return actions;
    }

    private static RunnerAction? PlanOne(Runner runner, GitHubRunnerState? github, ReconciliationSettings settings, DateTimeOffset now)
    {
        if (runner.Status == RunnerStatus.Provisioning)
        {
            // A reservation whose GitHub call never finished (the replica crashed): remove what GitHub may have made.
            if (now - runner.UpdatedAt < settings.ProvisioningGrace)
            {
                return null;
            }

            return github is null
                ? new RunnerAction(runner.Id, RunnerActionKind.MarkDeleted, null, RunnerDeletionReason.ProvisioningFailed)
                : new RunnerAction(runner.Id, RunnerActionKind.DeleteAtGitHub, github, RunnerDeletionReason.ProvisioningFailed);
        }

        if (github is null)
        {
            return Missing(runner, settings, now);
        }

        var wasNeverOnline = runner.FirstOnlineAt is null && !github.Online;
        var drifted = IsDrift(runner.Labels, github.CustomLabels);
        if (drifted && (!github.Busy || settings.DeleteBusyOnDrift))
        {
            return new RunnerAction(runner.Id, RunnerActionKind.DeleteAtGitHub, github, RunnerDeletionReason.LabelDrift,
                DriftDetected: runner.LabelDriftDetectedAt is null);
        }

        if (wasNeverOnline && PendingExpired(runner, settings, now))
        {
            return new RunnerAction(runner.Id, RunnerActionKind.DeleteAtGitHub, github, RunnerDeletionReason.NeverRegistered);
        }

        var offlineSince = runner.Status == RunnerStatus.Offline ? runner.OfflineSince : null;
        if (!github.Online && offlineSince is { } since && now - since >= settings.OfflineTimeout)
        {
            return new RunnerAction(runner.Id, RunnerActionKind.DeleteAtGitHub, github, RunnerDeletionReason.OfflineTooLong);
        }

        return new RunnerAction(runner.Id, RunnerActionKind.Observe, github, DriftDetected: drifted && runner.LabelDriftDetectedAt is null);
    }

    private static RunnerAction? Missing(Runner runner, ReconciliationSettings settings, DateTimeOffset now)
    {
        if (runner.Kind == RunnerKind.RegistrationToken && runner.GitHubRunnerId is null)
        {
            // Not registered yet: it is not missing, only late. Past the token's life plus grace it never will.
            return PendingExpired(runner, settings, now)
                ? new RunnerAction(runner.Id, RunnerActionKind.MarkDeleted, null, RunnerDeletionReason.NeverRegistered)
                : null;
        }

        var reason = runner.Ephemeral && runner.FirstOnlineAt is not null
            ? RunnerDeletionReason.EphemeralFinished
            : RunnerDeletionReason.RemovedAtGitHub;
        return new RunnerAction(runner.Id, RunnerActionKind.MarkDeleted, null, reason);
    }

    private static bool PendingExpired(Runner runner, ReconciliationSettings settings, DateTimeOffset now)
    {
        if (runner.Status != RunnerStatus.Pending)
        {
            return false;
        }

        var from = runner.Kind == RunnerKind.RegistrationToken ? runner.TokenExpiresAt ?? runner.CreatedAt : runner.CreatedAt;
        return now - from >= settings.PendingTimeout;
    }

    /// <summary>Drift: the custom labels at GitHub, as a case-insensitive set, differ from the admitted labels.</summary>
    public static bool IsDrift(IReadOnlyCollection<string> admitted, IReadOnlyCollection<string> customAtGitHub)
    {
        var expected = new HashSet<string>(admitted, StringComparer.OrdinalIgnoreCase);
        return !expected.SetEquals(customAtGitHub);
    }
}
