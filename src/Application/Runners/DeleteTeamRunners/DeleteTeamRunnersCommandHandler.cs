using Mediator;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Auditing;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Persistence;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Runners.Common;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Runners;

namespace RunnerTokens.Application.Runners.DeleteTeamRunners;

/// <summary>
/// Deletes a team's runners in bulk (admins and the team's maintainers) and reports each outcome. Busy runners
/// are skipped; one runner failing at GitHub does not stop the others. Each deletion commits on its own.
/// </summary>
public sealed class DeleteTeamRunnersCommandHandler(
    IAppDbContext db,
    ICurrentPrincipal current,
    RunnerRemoval removal,
    IAuditLog audit,
    TimeProvider clock) : ICommandHandler<DeleteTeamRunnersCommand, Result<BulkDeletionReport>>
{
    public async ValueTask<Result<BulkDeletionReport>> Handle(DeleteTeamRunnersCommand command, CancellationToken cancellationToken)
    {
        var principal = current.Required;

        var found = await db.FindManagedTeamAsync(principal, command.Team, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var team = found.Value;

        var statuses = command.Statuses is { Count: > 0 } chosen ? chosen.ToList() : null;
        var ids = command.Ids?.Distinct().ToList();
        // Untracked, and each deletion's row is forgotten once saved: every save's change detection scans whatever is
        // tracked, so a team's thousands of runners tracked at once made each of their saves cost thousands.
        var runners = await db.Runners
            .AsNoTracking()
            .Where(r => r.TeamId == team.Id && r.Status != RunnerStatus.Deleted && r.Status != RunnerStatus.Provisioning)
            .Where(r => statuses == null || statuses.Contains(r.Status))
            .Where(r => ids == null || ids.Contains(r.Id))
            .OrderBy(r => r.CreatedAt)
            .ToListAsync(cancellationToken);

        var outcomes = new List<BulkDeletionOutcome>(runners.Count);
        foreach (var runner in runners)
        {
            outcomes.Add(await DeleteOneAsync(runner, principal, command.DryRun, cancellationToken));
            db.DiscardPendingChanges(); // saved: nothing of this runner is pending
        }

        if (!command.DryRun)
        {
            audit.Record(new AuditEntry(
                "team.runners_bulk_deleted", "team", team.Id.ToString(), AuditOutcome.Succeeded, team.Id,
                new { team = team.Name, statuses, selected = ids?.Count, matched = runners.Count, deleted = outcomes.Count(o => o.Outcome == "deleted") }));
            await db.SaveChangesAsync(cancellationToken);
        }

        return new BulkDeletionReport(command.DryRun, runners.Count, outcomes.Count(o => o.Outcome == "deleted"), outcomes);
    }

    private async Task<BulkDeletionOutcome> DeleteOneAsync(Runner runner, CallerPrincipal principal, bool dryRun, CancellationToken cancellationToken)
    {
        var status = runner.Status;
        if (status == RunnerStatus.Busy)
        {
            return new(runner.Id, runner.Name, status, "skipped_busy", RunnerErrors.Busy.Code);
        }

        if (dryRun)
        {
            return new(runner.Id, runner.Name, status, "would_delete", null);
        }

        var removed = await removal.RemoveAtGitHubAsync(runner, cancellationToken);
        if (removed.IsFailure)
        {
            audit.Record(new AuditEntry(
                "runner.deleted", "runner", runner.Id.ToString(), AuditOutcome.Failed, runner.TeamId,
                new { name = runner.Name, githubRunnerId = runner.GitHubRunnerId, errorCode = removed.Error.Code, bulk = true }));
            await db.SaveChangesAsync(CancellationToken.None);
            return new(runner.Id, runner.Name, status, "failed", removed.Error.Code);
        }

        await db.RetryOnConcurrencyConflictAsync((_, ct) => RecordDeletionAsync(runner.Id, principal, ct), cancellationToken);
        return new(runner.Id, runner.Name, status, "deleted", null);
    }

    /// <summary>
    /// Gone at GitHub: records it on the row as it is now (read again after a concurrent change, and by id, since a
    /// conflict on an earlier runner forgets every tracked one). Deleted meanwhile: nothing left to write or audit.
    /// </summary>
    private async Task<bool> RecordDeletionAsync(Guid runnerId, CallerPrincipal principal, CancellationToken cancellationToken)
    {
        var runner = await db.Runners.SingleOrDefaultAsync(r => r.Id == runnerId, cancellationToken);
        if (runner is null || !runner.IsLive)
        {
            return false;
        }

        var before = runner.Status;
        runner.Delete(RunnerDeletionReason.Requested, principal.DisplayName, clock.GetUtcNow());
        audit.Record(new AuditEntry(
            "runner.deleted", "runner", runner.Id.ToString(), AuditOutcome.Succeeded, runner.TeamId,
            new { name = runner.Name, githubRunnerId = runner.GitHubRunnerId, before = before.ToString().ToLowerInvariant(), bulk = true }));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
