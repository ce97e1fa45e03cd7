using Mediator;
using Microsoft.Extensions.Logging;
using RunnerTokens.Application.Common.Auditing;
using RunnerTokens.Application.Common.GitHub;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Metrics;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Runners.Common;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Runners;

namespace RunnerTokens.Application.Runners.ProvisionJitRunner;

/// <summary>
/// Admits and reserves (committed, lock released), asks GitHub for the JIT config, then records the runner.
/// The database is never held while GitHub answers. If the final commit fails, the runner GitHub made is
/// deleted again (compensation) and the caller gets a 503 to retry.
/// </summary>
public sealed partial class ProvisionJitRunnerCommandHandler(
    IAppDbContext db,
    RunnerReserver reservations,
    IGitHubRunners gitHub,
    IAuditLog audit,
    RunnerTokensMetrics metrics,
    TimeProvider clock,
    ILogger<ProvisionJitRunnerCommandHandler> logger) : ICommandHandler<ProvisionJitRunnerCommand, Result<ProvisionedJitRunner>>
{
    public const string DefaultWorkFolder = "_work";

    public async ValueTask<Result<ProvisionedJitRunner>> Handle(ProvisionJitRunnerCommand command, CancellationToken cancellationToken)
    {
        var reserved = await reservations.ReserveAsync(command, RunnerKind.Jit, cancellationToken);
        if (reserved.IsFailure)
        {
            return reserved.Error;
        }

        var reservation = reserved.Value;
        var runner = reservation.Runner;
        var created = await gitHub.GenerateJitConfigAsync(
            runner.Organization, runner.Name, runner.Labels, runner.RunnerGroupId, command.WorkFolder ?? DefaultWorkFolder, cancellationToken);
        if (!created.IsSuccess)
        {
            var error = created.ToError();
            if (created.Failure.MayHaveLeftRunner)
            {
                // GitHub may hold a runner of this name that could not be removed: the reservation stays, so the
                // sync finds that runner by name after Sync:ProvisioningGrace and deletes it (found by the soak).
                await reservations.KeepForCleanupAsync(reservation, error, CancellationToken.None);
            }
            else
            {
                await reservations.ReleaseAsync(reservation, error, CancellationToken.None);
            }

            return error;
        }

        var jit = created.Value;
        runner.CompleteJit(jit.Runner.Id, SecretFingerprint.Of(jit.EncodedJitConfig), clock.GetUtcNow());
        audit.Record(new AuditEntry(
            RunnerReserver.ProvisionAction(RunnerKind.Jit), "runner", runner.Id.ToString(), AuditOutcome.Succeeded, runner.TeamId,
            new
            {
                team = reservation.Team.Name,
                name = runner.Name,
                githubRunnerId = jit.Runner.Id,
                labels = runner.Labels,
                runnerGroupId = runner.RunnerGroupId,
                policyVersion = runner.PolicyVersion,
                jitConfigSha256 = runner.SecretFingerprint,
            }));
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await CompensateAsync(runner, jit.Runner.Id, ex);
            return RunnerProvisioningErrors.CommitFailed;
        }

        metrics.Provisioning(RunnerReserver.KindTag(RunnerKind.Jit), "succeeded");
        return new ProvisionedJitRunner(RunnerDto.From(runner, reservation.Team.Name), jit.EncodedJitConfig);
    }

    private async Task CompensateAsync(Runner runner, long gitHubRunnerId, Exception commitFailure)
    {
        LogCommitFailed(logger, runner.Id, runner.Organization, gitHubRunnerId, commitFailure);
        var deleted = await gitHub.DeleteRunnerAsync(runner.Organization, gitHubRunnerId, CancellationToken.None);
        if (deleted.IsSuccess)
        {
            LogCompensated(logger, runner.Organization, gitHubRunnerId);
        }
        else
        {
            // The sync removes it later: the reservation row stays in 'provisioning' and is cleaned as abandoned.
            LogCompensationFailed(logger, runner.Organization, gitHubRunnerId, deleted.Failure.Kind.ToString());
        }

        metrics.Provisioning(RunnerReserver.KindTag(RunnerKind.Jit), RunnerProvisioningErrors.CommitFailed.Code);
        await RecordCompensationAsync(runner, gitHubRunnerId, deleted.IsSuccess ? null : deleted.Failure.Kind.ToString());
    }

    /// <summary>
    /// The failed unit of work (with its "succeeded" audit record) is dropped; the trail gets what really happened:
    /// GitHub created the runner, the service could not record it, and removed it again (or could not).
    /// </summary>
    private async Task RecordCompensationAsync(Runner runner, long gitHubRunnerId, string? deleteFailure)
    {
        db.DiscardPendingChanges();
        audit.Record(new AuditEntry(
            "runner.compensated", "runner", runner.Id.ToString(), AuditOutcome.Failed, runner.TeamId,
            new
            {
                name = runner.Name,
                githubRunnerId = gitHubRunnerId,
                errorCode = RunnerProvisioningErrors.CommitFailed.Code,
                deletedAtGitHub = deleteFailure is null,
                deleteFailure,
            }));
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            db.DiscardPendingChanges();
            LogCompensationNotAudited(logger, runner.Id, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The compensation of runner {RunnerId} could not be written to the audit trail")]
    private static partial void LogCompensationNotAudited(ILogger logger, Guid runnerId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recording runner {RunnerId} failed after GitHub created runner {GitHubRunnerId} in {Organization}; compensating")]
    private static partial void LogCommitFailed(ILogger logger, Guid runnerId, string organization, long gitHubRunnerId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Compensation: deleted runner {GitHubRunnerId} in {Organization} at GitHub")]
    private static partial void LogCompensated(ILogger logger, string organization, long gitHubRunnerId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Compensation failed for runner {GitHubRunnerId} in {Organization} ({Failure}); the sync will remove it")]
    private static partial void LogCompensationFailed(ILogger logger, string organization, long gitHubRunnerId, string failure);
}
