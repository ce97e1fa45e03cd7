using Mediator;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Auditing;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Persistence;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Runners.Common;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Runners;

namespace RunnerTokens.Application.Runners.DeleteRunner;

/// <summary>
/// Deletes a runner at GitHub and marks it deleted (kept as history). The runner's team (members,
/// maintainers, machine identities) or an admin may; a busy runner only with an admin's force.
/// Deleting an already deleted runner changes nothing and succeeds.
/// </summary>
public sealed class DeleteRunnerCommandHandler(
    IAppDbContext db,
    ICurrentPrincipal current,
    RunnerRemoval removal,
    IAuditLog audit,
    TimeProvider clock) : ICommandHandler<DeleteRunnerCommand, Result>
{
    public async ValueTask<Result> Handle(DeleteRunnerCommand command, CancellationToken cancellationToken)
    {
        var principal = current.Required;

        var runner = await db.Runners.SingleOrDefaultAsync(r => r.Id == command.Id, cancellationToken);
        if (runner is null || !principal.CanSee(runner.TeamId))
        {
            return RunnerErrors.NotFound;
        }

        if (command.Force && !principal.IsAdmin)
        {
            return AccessErrors.AdminRequired;
        }

        if (!runner.IsLive)
        {
            return Result.Success();
        }

        var refusal = runner.Status switch
        {
            RunnerStatus.Provisioning => RunnerProvisioningErrors.InFlight,
            RunnerStatus.Busy when !command.Force => RunnerErrors.Busy,
            _ => null,
        };
        if (refusal is not null)
        {
            audit.Record(new AuditEntry(
                "runner.deleted", "runner", runner.Id.ToString(), AuditOutcome.Denied, runner.TeamId,
                new { name = runner.Name, errorCode = refusal.Code }));
            await db.SaveChangesAsync(cancellationToken);
            return refusal;
        }

        var removed = await removal.RemoveAtGitHubAsync(runner, cancellationToken);
        if (removed.IsFailure)
        {
            audit.Record(new AuditEntry(
                "runner.deleted", "runner", runner.Id.ToString(), AuditOutcome.Failed, runner.TeamId,
                new { name = runner.Name, githubRunnerId = runner.GitHubRunnerId, errorCode = removed.Error.Code, forced = command.Force }));
            await db.SaveChangesAsync(CancellationToken.None);
            return removed.Error;
        }

        return await db.RetryOnConcurrencyConflictAsync((_, ct) => RecordDeletionAsync(command, principal, ct), cancellationToken);
    }

    /// <summary>
    /// Gone at GitHub: records it on the row as it is now. After a concurrent change the row is read again; deleted
    /// meanwhile (by the sync, or its ephemeral job finished) there is nothing left to write or audit.
    /// </summary>
    private async Task<Result> RecordDeletionAsync(DeleteRunnerCommand command, CallerPrincipal principal, CancellationToken cancellationToken)
    {
        var runner = await db.Runners.SingleOrDefaultAsync(r => r.Id == command.Id, cancellationToken);
        if (runner is null || !runner.IsLive)
        {
            return Result.Success();
        }

        var before = runner.Status;
        runner.Delete(RunnerDeletionReason.Requested, principal.DisplayName, clock.GetUtcNow());
        audit.Record(new AuditEntry(
            "runner.deleted", "runner", runner.Id.ToString(), AuditOutcome.Succeeded, runner.TeamId,
            new { name = runner.Name, githubRunnerId = runner.GitHubRunnerId, before = before.ToString().ToLowerInvariant(), forced = command.Force }));
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
