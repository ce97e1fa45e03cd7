namespace RunnerTokens.Domain.Runners.Reconciliation;

/// <summary>
/// The sync's rules, pure: what the service believes (live runners of one organization) and what GitHub
/// lists give the changes to make. Nothing here calls GitHub or the database.
/// </summary>
/// <remarks>
/// A row is matched to a runner at GitHub by its GitHub id. A row without one (a registration-token runner
/// not yet seen, or a reservation whose JIT call never finished) binds to the runner of its name only when
/// <see cref="CanBind"/> says so; deletion at GitHub is always by the bound id, never by name.
/// </remarks>
public static class RunnerReconciliation
{
    /// <param name="liveRunners">The organization's live rows, read after <paramref name="atGitHub"/> was listed.</param>
    /// <param name="atGitHub">GitHub's runners.</param>
    /// <param name="settings">Timeouts.</param>
    /// <param name="now">The time of the decision.</param>
    /// <param name="listedAt">
    /// When GitHub's list was requested (null: long enough ago). A row changed after that, such as a runner recorded
    /// by a provisioning that finished while the list was on its way, may be missing from the list only because it
    /// is newer: it is not judged until the next sync. (Replicas' clocks are assumed to agree to well under the
    /// time a GitHub call takes.)
    /// </param>
    public static IReadOnlyList<RunnerAction> Plan(
        IReadOnlyCollection<Runner> liveRunners,
        IReadOnlyCollection<GitHubRunnerState> atGitHub,
        ReconciliationSettings settings,
        DateTimeOffset now,
        DateTimeOffset? listedAt = null)
    {
        var byId = new Dictionary<long, GitHubRunnerState>();
        var byName = new Dictionary<string, GitHubRunnerState>(StringComparer.OrdinalIgnoreCase);
        foreach (var state in atGitHub)
        {
            byId.TryAdd(state.Id, state);
            byName.TryAdd(state.Name, state);
        }

        // Ids owned by live rows: a row without an id never binds to one of these.
        var claimed = liveRunners.Where(r => r.IsLive && r.GitHubRunnerId is not null).Select(r => r.GitHubRunnerId!.Value).ToHashSet();
        var actions = new List<RunnerAction>();
        foreach (var runner in liveRunners)
        {
            if (!runner.IsLive)
            {
                continue;
            }

            GitHubRunnerState? github;
            if (runner.GitHubRunnerId is { } id)
            {
                github = byId.GetValueOrDefault(id);
            }
            else if ((runner.Kind == RunnerKind.RegistrationToken || runner.Status == RunnerStatus.Provisioning)
                && byName.GetValueOrDefault(runner.Name) is { } candidate
                && CanBind(runner, candidate, claimed))
            {
                github = candidate;
                claimed.Add(candidate.Id);
            }
            else
            {
                github = null;
            }

            if (github is null && runner.Status != RunnerStatus.Provisioning && listedAt is { } listed && runner.UpdatedAt > listed)
            {
                continue; // Recorded after (or about when) GitHub was asked: the list may not show it yet.
            }

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
        var drift = DriftOf(runner, github);
        var drifted = drift != RunnerDrift.None;
        if (drifted && (!github.Busy || settings.DeleteBusyOnDrift))
        {
            return new RunnerAction(runner.Id, RunnerActionKind.DeleteAtGitHub, github, DeletionReasonFor(drift),
                DriftDetected: runner.LabelDriftDetectedAt is null, Drift: drift);
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

        return new RunnerAction(runner.Id, RunnerActionKind.Observe, github, DriftDetected: drifted && runner.LabelDriftDetectedAt is null, Drift: drift);
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

    /// <summary>
    /// Every way <paramref name="github"/> differs from what <paramref name="runner"/>'s policy admitted: labels,
    /// runner group and ephemeral flag. A group or flag GitHub does not report is not a difference.
    /// </summary>
    public static RunnerDrift DriftOf(Runner runner, GitHubRunnerState github)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(github);
        var drift = RunnerDrift.None;
        if (IsDrift(runner.Labels, github.CustomLabels))
        {
            drift |= RunnerDrift.Labels;
        }

        if (github.RunnerGroupId is { } group && group != runner.RunnerGroupId)
        {
            drift |= RunnerDrift.RunnerGroup;
        }

        if (github.Ephemeral is { } ephemeral && ephemeral != runner.Ephemeral)
        {
            drift |= RunnerDrift.Ephemeral;
        }

        return drift;
    }

    /// <summary>
    /// Whether a row without a GitHub id may take <paramref name="candidate"/> (the runner of its name) as its own:
    /// no other live row owns it, and it is exactly what the policy admitted (labels, runner group, ephemeral flag;
    /// see <see cref="DriftOf"/>). That the runner appeared after the token was issued is checked when the token is
    /// issued: the name must then be free at GitHub (GitHub's runner objects carry no creation time).
    /// A candidate refused here stays unclaimed: in a managed group the sync reports it as unmanaged.
    /// </summary>
    public static bool CanBind(Runner runner, GitHubRunnerState candidate, IReadOnlySet<long> claimedIds)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(claimedIds);
        return runner.GitHubRunnerId is null
            && string.Equals(runner.Name, candidate.Name, StringComparison.OrdinalIgnoreCase)
            && !claimedIds.Contains(candidate.Id)
            && DriftOf(runner, candidate) == RunnerDrift.None;
    }

    /// <summary>
    /// The runners at GitHub in a managed group (see <see cref="ManagedRunnerGroups"/>) that no live row claims: not
    /// the GitHub id of a live row and not bound by <paramref name="plan"/>. A runner whose group GitHub does not
    /// report is never called unmanaged, nor one named like a reservation still waiting for GitHub's answer (a JIT
    /// runner GitHub has just created, before the service recorded its id).
    /// </summary>
    public static IReadOnlyList<GitHubRunnerState> Unmanaged(
        IReadOnlyCollection<Runner> liveRunners,
        IReadOnlyCollection<GitHubRunnerState> atGitHub,
        IReadOnlyCollection<RunnerAction> plan,
        IReadOnlySet<long> managedRunnerGroupIds)
    {
        ArgumentNullException.ThrowIfNull(liveRunners);
        ArgumentNullException.ThrowIfNull(atGitHub);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(managedRunnerGroupIds);
        var claimed = liveRunners.Where(r => r.IsLive && r.GitHubRunnerId is not null).Select(r => r.GitHubRunnerId!.Value).ToHashSet();
        claimed.UnionWith(plan.Where(a => a.GitHub is not null).Select(a => a.GitHub!.Id));
        var inFlight = liveRunners.Where(r => r.Status == RunnerStatus.Provisioning).Select(r => r.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. atGitHub.Where(r => r.RunnerGroupId is { } group
            && managedRunnerGroupIds.Contains(group)
            && !claimed.Contains(r.Id)
            && !inFlight.Contains(r.Name))];
    }

    private static RunnerDeletionReason DeletionReasonFor(RunnerDrift drift) =>
        drift.HasFlag(RunnerDrift.Labels) ? RunnerDeletionReason.LabelDrift
        : drift.HasFlag(RunnerDrift.RunnerGroup) ? RunnerDeletionReason.GroupDrift
        : RunnerDeletionReason.EphemeralDrift;
}
