using Mediator;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Auditing;
using RunnerTokens.Application.Common.GitHub;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Metrics;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Runners.Common;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Runners.IssueRegistrationToken;

/// <summary>
/// Issues a registration token for one expected runner (where the team's policy allows it). The runner stays
/// pending with its expected name and labels until the sync binds it (see <c>RunnerReconciliation.CanBind</c>).
/// The name must be free at GitHub when the token is issued: GitHub's runner objects carry no creation time, so
/// this is how the service knows that the runner it later binds appeared after the token was issued.
/// </summary>
public sealed class IssueRegistrationTokenCommandHandler(
    IAppDbContext db,
    RunnerReserver reservations,
    IGitHubRunners gitHub,
    IGitHubWebUrls urls,
    IAuditLog audit,
    RunnerTokensMetrics metrics,
    TimeProvider clock) : ICommandHandler<IssueRegistrationTokenCommand, Result<IssuedRegistrationToken>>
{
    public async ValueTask<Result<IssuedRegistrationToken>> Handle(IssueRegistrationTokenCommand command, CancellationToken cancellationToken)
    {
        var reserved = await reservations.ReserveAsync(command, RunnerKind.RegistrationToken, cancellationToken);
        if (reserved.IsFailure)
        {
            return reserved.Error;
        }

        var reservation = reserved.Value;
        var runner = reservation.Runner;
        var groupName = await RunnerGroupNameAsync(runner, cancellationToken);
        if (groupName.IsFailure)
        {
            await reservations.ReleaseAsync(reservation, groupName.Error, CancellationToken.None);
            return groupName.Error;
        }

        var free = await NameFreeAtGitHubAsync(runner, cancellationToken);
        if (free.IsFailure)
        {
            await reservations.ReleaseAsync(reservation, free.Error, CancellationToken.None);
            return free.Error;
        }

        var issued = await gitHub.CreateRegistrationTokenAsync(runner.Organization, cancellationToken);
        if (!issued.IsSuccess)
        {
            var error = issued.ToError();
            await reservations.ReleaseAsync(reservation, error, CancellationToken.None);
            return error;
        }

        var token = issued.Value;
        runner.CompleteRegistrationToken(SecretFingerprint.Of(token.Token), token.ExpiresAt, clock.GetUtcNow());
        audit.Record(new AuditEntry(
            RunnerReserver.ProvisionAction(RunnerKind.RegistrationToken), "runner", runner.Id.ToString(), AuditOutcome.Succeeded, runner.TeamId,
            new
            {
                team = reservation.Team.Name,
                name = runner.Name,
                labels = runner.Labels,
                runnerGroupId = runner.RunnerGroupId,
                policyVersion = runner.PolicyVersion,
                ephemeral = runner.Ephemeral,
                expiresAt = token.ExpiresAt,
                registrationTokenSha256 = runner.SecretFingerprint,
            }));

        // An unrecorded token is never handed out; unused, it expires within the hour.
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateConcurrencyException)
        {
            await reservations.RecordFailureOfCleanedUpAsync(reservation, RunnerProvisioningErrors.RegistrationTokenNotRecorded, CancellationToken.None);
            return RunnerProvisioningErrors.RegistrationTokenNotRecorded;
        }

        metrics.Provisioning(RunnerReserver.KindTag(RunnerKind.RegistrationToken), "succeeded");

        var configShLine = ConfigShLine.For(urls.OrganizationUrl(runner.Organization), token.Token, runner, groupName.Value);
        return new IssuedRegistrationToken(RunnerDto.From(runner, reservation.Team.Name), token.Token, token.ExpiresAt, configShLine);
    }

    /// <summary>Refuses a name some runner at GitHub already has (GitHub compares names ignoring case).</summary>
    private async Task<Result> NameFreeAtGitHubAsync(Runner runner, CancellationToken cancellationToken)
    {
        var found = await gitHub.ListRunnersAsync(runner.Organization, runner.Name, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.ToError();
        }

        return found.Value.Any(r => string.Equals(r.Name, runner.Name, StringComparison.OrdinalIgnoreCase))
            ? RunnerErrors.NameTakenAtGitHub
            : Result.Success();
    }

    /// <summary><c>config.sh --runnergroup</c> takes the group's name, so the id the policy chose is looked up.</summary>
    private async Task<Result<string>> RunnerGroupNameAsync(Runner runner, CancellationToken cancellationToken)
    {
        if (runner.RunnerGroupId == LabelPolicy.GitHubDefaultRunnerGroupId)
        {
            return "Default";
        }

        var groups = await gitHub.ListRunnerGroupsAsync(runner.Organization, cancellationToken);
        if (!groups.IsSuccess)
        {
            return groups.ToError();
        }

        return groups.Value.FirstOrDefault(g => g.Id == runner.RunnerGroupId)?.Name is { } name
            ? name
            : Error.Upstream("github.runner_group_not_found", $"Runner group {runner.RunnerGroupId} does not exist in {runner.Organization}.");
    }
}
