using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Auditing;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Metrics;
using RunnerTokens.Application.Common.Persistence;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Runners.Common;

/// <summary>
/// The first half of provisioning, shared by JIT and registration-token requests: find the team, check the
/// caller, admit the request under the team's lock and reserve the name and quota slot. Refusals are
/// audited (outcome denied) with a security event. GitHub is called only after this has committed.
/// </summary>
public sealed class RunnerReserver(
    IAppDbContext db,
    ICurrentPrincipal current,
    ITeamProvisioningLock teamLock,
    ILiveRunnerCounter liveRunners,
    IAuditLog audit,
    RunnerTokensMetrics metrics,
    TimeProvider clock)
{
    public async Task<Result<RunnerReservation>> ReserveAsync(IRunnerRequest request, RunnerKind kind, CancellationToken cancellationToken)
    {
        var principal = current.Required;

        var found = await FindTeamAsync(principal, request.Team, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var team = found.Value;
        if (principal.AccessTo(team.Id) is null)
        {
            // Admins see every team but provision only into teams they belong to.
            return await DenyAsync(team, request.Name ?? request.NamePrefix, kind, AccessErrors.NotAMemberOf(team.Name), cancellationToken);
        }

        var policy = await db.CurrentPolicyAsync(team.Id, cancellationToken);
        if (kind == RunnerKind.RegistrationToken && !policy.AllowRegistrationTokens && team.IsActive)
        {
            return await DenyAsync(team, request.Name ?? request.NamePrefix, kind, RunnerProvisioningErrors.RegistrationTokensNotAllowed, cancellationToken);
        }

        // Other teams' required labels are read before the lock, as this team's policy is: the team lock guards this
        // team's quota and names, not other teams' policies, and on SQLite (one writer at a time) everything inside
        // the lock is time every other writer waits.
        var reservedLabels = await db.LabelsReservedByOtherTeamsAsync(team, policy, cancellationToken);
        var name = request.Name ?? RunnerName.WithRandomSuffix(request.NamePrefix!);
        var reserved = await teamLock.RunExclusiveAsync(
            team.Id,
            ct => ReserveLockedAsync(team, policy, reservedLabels, principal, request, name, kind, ct),
            cancellationToken);
        if (reserved.IsFailure)
        {
            return await DenyAsync(team, name, kind, reserved.Error, cancellationToken);
        }

        return new RunnerReservation(reserved.Value, team, policy);
    }

    /// <summary>GitHub refused or failed: nothing lives there, so the reservation goes and the failure is audited.</summary>
    public async Task ReleaseAsync(RunnerReservation reservation, Error error, CancellationToken cancellationToken)
    {
        var runner = reservation.Runner;
        db.Runners.Remove(runner);
        RecordFailure(reservation, error);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await RecordFailureOfCleanedUpAsync(reservation, error, cancellationToken);
            return;
        }

        metrics.Provisioning(KindTag(runner.Kind), error.Code);
    }

    /// <summary>
    /// The sync cleaned the reservation up while its request was still running (the request outlived
    /// <c>Sync:ProvisioningGrace</c>), so the request's own save conflicted: the row is the sync's now, and only the
    /// request's failure is left to record.
    /// </summary>
    public async Task RecordFailureOfCleanedUpAsync(RunnerReservation reservation, Error error, CancellationToken cancellationToken)
    {
        db.DiscardPendingChanges();
        RecordFailure(reservation, error);
        await db.SaveChangesAsync(cancellationToken);
        metrics.Provisioning(KindTag(reservation.Runner.Kind), error.Code);
    }

    /// <summary>The request's failure in the audit trail (the provisioning action, outcome failed, the error code).</summary>
    private void RecordFailure(RunnerReservation reservation, Error error)
    {
        var runner = reservation.Runner;
        audit.Record(new AuditEntry(
            ProvisionAction(runner.Kind), "runner", runner.Id.ToString(), AuditOutcome.Failed, runner.TeamId,
            new { team = reservation.Team.Name, name = runner.Name, errorCode = error.Code }));
    }

    /// <summary>
    /// GitHub failed in a way that may have left a runner there that could not be removed: the reservation stays
    /// in provisioning (its quota slot held) until the sync, after <c>Sync:ProvisioningGrace</c>, deletes what GitHub
    /// holds under its name and the row with it. The failure is audited.
    /// </summary>
    public async Task KeepForCleanupAsync(RunnerReservation reservation, Error error, CancellationToken cancellationToken)
    {
        var runner = reservation.Runner;
        audit.Record(new AuditEntry(
            ProvisionAction(runner.Kind), "runner", runner.Id.ToString(), AuditOutcome.Failed, runner.TeamId,
            new { team = reservation.Team.Name, name = runner.Name, errorCode = error.Code, leftForSync = true }));
        await db.SaveChangesAsync(cancellationToken);
        metrics.Provisioning(KindTag(runner.Kind), error.Code);
    }

    public static string ProvisionAction(RunnerKind kind) =>
        kind == RunnerKind.Jit ? "runner.jit_provisioned" : "runner.registration_token_issued";

    public static string KindTag(RunnerKind kind) => kind == RunnerKind.Jit ? "jit" : "registration_token";

    private async Task<Result<Runner>> ReserveLockedAsync(
        Team team,
        LabelPolicy policy,
        IReadOnlySet<string> reservedLabels,
        CallerPrincipal principal,
        IRunnerRequest request,
        string name,
        RunnerKind kind,
        CancellationToken cancellationToken)
    {
        // Same scoped DbContext as the lock, so the count runs inside the locked transaction.
        var live = await CountForQuotaAsync(team.Id, policy.MaxRunners, cancellationToken);
        var admitted = team.Admit(policy, request.Labels?.ToList(), request.RunnerGroupId, live, reservedLabels);
        if (admitted.IsFailure)
        {
            return admitted.Error;
        }

        var admission = admitted.Value;
        if (admission.Labels.Count == 0)
        {
            return RunnerProvisioningErrors.LabelsRequired;
        }

        var nameKey = RunnerName.LiveKey(team.Organization, name);
        if (await db.Runners.AnyAsync(r => r.LiveNameKey == nameKey, cancellationToken))
        {
            return RunnerErrors.NameConflict;
        }

        var runner = Runner.Reserve(
            team.Id,
            team.Organization,
            name,
            kind,
            (request.Labels ?? []).Where(l => l is not null).Select(l => l!),
            admission.Labels,
            admission.RunnerGroupId,
            admission.PolicyVersion,
            ephemeral: kind == RunnerKind.Jit || !policy.AllowPersistentRunners,
            principal.ToAuditActor(),
            clock.GetUtcNow());
        db.Runners.Add(runner);
        // Another request may take the name between the check and the insert: the unique index decides.
        var saved = await db.SaveOrConflictAsync(
            RunnerErrors.NameConflict, (ex, _) => Task.FromResult(IsLiveNameConflict(ex)), cancellationToken);
        if (saved.IsFailure)
        {
            return saved.Error;
        }

        return runner;
    }

    /// <summary>
    /// The live runners as far as the quota needs them. Without a quota nothing is counted (the count decides nothing
    /// and, under the team lock, grew with the team's fleet: every writer waited for it); with one, the count stops at
    /// the quota, and only a refusal counts them all, for its details (the quota may have been lowered below them).
    /// </summary>
    private async Task<int> CountForQuotaAsync(Guid teamId, int? maxRunners, CancellationToken cancellationToken)
    {
        if (maxRunners is not { } max)
        {
            return 0;
        }

        var live = await liveRunners.CountLiveRunnersAsync(teamId, max, cancellationToken);
        return live < max ? live : await liveRunners.CountLiveRunnersAsync(teamId, cancellationToken);
    }

    private async Task<Result<Team>> FindTeamAsync(CallerPrincipal principal, string? teamName, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(teamName))
        {
            return await db.FindVisibleTeamAsync(principal, teamName, cancellationToken);
        }

        if (principal.Teams.Count != 1)
        {
            return RunnerProvisioningErrors.TeamRequired;
        }

        var teamId = principal.Teams[0].TeamId;
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Id == teamId, cancellationToken);
        return team is null ? TeamErrors.NotFound : team;
    }

    private async Task<Error> DenyAsync(Team team, string? name, RunnerKind kind, Error error, CancellationToken cancellationToken)
    {
        var quota = error.Code == AdmissionErrors.QuotaExceeded.Code;
        var nameTaken = error.Code == RunnerErrors.NameConflict.Code;
        var accessDenied = error.Code == AccessErrors.TeamRoleRequired.Code;
        audit.Record(new AuditEntry(
            ProvisionAction(kind), "runner", name ?? string.Empty, AuditOutcome.Denied, team.Id,
            new { team = team.Name, name, errorCode = error.Code, details = error.Details }));
        audit.RecordSecurity(new SecurityEntry(
            // A role refusal is an authorization decision, not a policy violation: no policy was consulted.
            quota ? "runner.quota_exceeded" : nameTaken ? "runner.name_conflict" : accessDenied ? "auth.access_denied" : "runner.policy_violation",
            quota || nameTaken ? SecuritySeverity.Low : SecuritySeverity.Medium,
            team.Id,
            Details: new { team = team.Name, name, errorCode = error.Code, details = error.Details }));
        await db.SaveChangesAsync(cancellationToken);
        metrics.Provisioning(KindTag(kind), error.Code);
        return error;
    }

    private static bool IsLiveNameConflict(DbUpdateException exception) =>
        exception.InnerException?.Message.Contains(nameof(Runner.LiveNameKey), StringComparison.OrdinalIgnoreCase) == true;
}
