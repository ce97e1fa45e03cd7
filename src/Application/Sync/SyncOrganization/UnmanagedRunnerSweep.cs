using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RunnerTokens.Application.Common.Auditing;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Runners.Common;
using RunnerTokens.Application.Sync.Common;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Runners.Reconciliation;
using RunnerTokens.Domain.Sync;

namespace RunnerTokens.Application.Sync.SyncOrganization;

/// <summary>
/// The part of a sync run that looks at GitHub's runners rather than the service's rows: every runner in a managed
/// runner group (<see cref="ManagedRunnerGroups"/>) that no live row claims is a high security event
/// <c>runner.unmanaged</c>, recorded once per runner (<see cref="UnmanagedRunnerReport"/>) until it goes away or a
/// row claims it, and with <c>Sync:RemoveUnmanagedRunners</c> it is deleted at GitHub (by id, at every sync while it
/// is there) and audited.
/// </summary>
public sealed class UnmanagedRunnerSweep(
    IAppDbContext db,
    RunnerRemoval removal,
    IAuditLog audit,
    IOptions<SyncOptions> options,
    TimeProvider clock)
{
    /// <summary>
    /// Finds the unmanaged runners of one organization (stored spellings <paramref name="spellings"/>) and reports
    /// (and optionally removes) each; saves once. Returns how many were removed.
    /// </summary>
    public async Task<int> SweepAsync(
        string organization,
        IReadOnlyList<string> spellings,
        IReadOnlyCollection<Runner> liveRunners,
        IReadOnlyCollection<GitHubRunnerState> atGitHub,
        IReadOnlyCollection<RunnerAction> plan,
        SyncRunTally run,
        CancellationToken cancellationToken)
    {
        var managedGroups = await db.ManagedRunnerGroupsAsync(spellings, options.Value.ManageDefaultGroup, cancellationToken);
        var unmanaged = RunnerReconciliation.Unmanaged(liveRunners, atGitHub, plan, managedGroups);
        try
        {
            return await ReportAsync(organization, unmanaged, run, cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            run.Error($"unmanaged runners: save failed ({ex.GetType().Name})");
            db.DiscardPendingChanges();
            return 0;
        }
    }

    private async Task<int> ReportAsync(
        string organization,
        IReadOnlyList<GitHubRunnerState> unmanaged,
        SyncRunTally run,
        CancellationToken cancellationToken)
    {
        var key = UnmanagedRunnerReport.Key(organization);
        var reports = await db.UnmanagedRunnerReports.Where(r => r.Organization == key).ToListAsync(cancellationToken);
        var unmanagedIds = unmanaged.Select(r => r.Id).ToHashSet();
        var settled = reports.Where(r => !unmanagedIds.Contains(r.GitHubRunnerId)).ToList();
        if (unmanaged.Count == 0 && settled.Count == 0)
        {
            return 0;
        }

        // Gone from GitHub or claimed by a row: reported again if it is ever unmanaged again.
        db.UnmanagedRunnerReports.RemoveRange(settled);
        var reported = reports.Select(r => r.GitHubRunnerId).ToHashSet();
        var remove = options.Value.RemoveUnmanagedRunners;
        var removed = 0;
        foreach (var runner in unmanaged)
        {
            if (reported.Contains(runner.Id))
            {
                // Reported by an earlier sync (this replica or another, before or after a restart).
                removed += remove ? await RemoveAsync(organization, runner, run, cancellationToken) : 0;
                continue;
            }

            db.UnmanagedRunnerReports.Add(UnmanagedRunnerReport.Create(organization, runner.Id, clock.GetUtcNow()));
            var details = new
            {
                organization,
                name = runner.Name,
                githubRunnerId = runner.Id,
                runnerGroupId = runner.RunnerGroupId,
                labels = runner.CustomLabels,
                busy = runner.Busy,
                action = remove ? "removing" : "reported",
            };
            audit.RecordSecurity(new SecurityEntry("runner.unmanaged", SecuritySeverity.High, TeamId: null, RunnerId: null, details, AuditActor.Sync));
            removed += remove ? await RemoveAsync(organization, runner, run, cancellationToken) : 0;
        }

        await db.SaveChangesAsync(cancellationToken);
        return removed;
    }

    /// <summary>Deletes the runner at GitHub (by id) and audits the attempt; 1 when it was removed.</summary>
    private async Task<int> RemoveAsync(string organization, GitHubRunnerState runner, SyncRunTally run, CancellationToken cancellationToken)
    {
        var result = await removal.RemoveAtGitHubAsync(organization, runner.Id, cancellationToken);
        if (result.IsFailure)
        {
            run.Error($"unmanaged runner {runner.Name}: remove at GitHub failed ({result.Error.Code})");
        }

        audit.Record(new AuditEntry(
            "runner.unmanaged_removed", "github_runner", runner.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            result.IsSuccess ? AuditOutcome.Succeeded : AuditOutcome.Failed, TeamId: null,
            new { organization, name = runner.Name, githubRunnerId = runner.Id, runnerGroupId = runner.RunnerGroupId, labels = runner.CustomLabels, errorCode = result.IsFailure ? result.Error.Code : null },
            AuditActor.Sync));
        return result.IsSuccess ? 1 : 0;
    }
}
