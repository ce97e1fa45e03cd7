using Mediator;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Auditing;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Persistence;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Teams.ChangeLabelPolicy;

public sealed class ChangeLabelPolicyCommandHandler(IAppDbContext db, ICurrentPrincipal current, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<ChangeLabelPolicyCommand, Result<LabelPolicyDto>>
{
    public async ValueTask<Result<LabelPolicyDto>> Handle(ChangeLabelPolicyCommand command, CancellationToken cancellationToken)
    {
        var principal = current.Required;

        var found = await db.FindTeamForAdminAsync(principal, command.Team, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var team = found.Value;

        var currentPolicy = await db.CurrentPolicyAsync(team.Id, cancellationToken);
        var next = currentPolicy.NextVersion(command.Settings, principal.ToAuditActor().Id, clock.GetUtcNow());
        if (next.IsFailure)
        {
            return next.Error;
        }

        if (currentPolicy.HasSettings(command.Settings))
        {
            return LabelPolicyDto.From(currentPolicy);
        }

        db.LabelPolicies.Add(next.Value);
        audit.RecordPolicyChange(team, currentPolicy, next.Value);
        // Two changes may read the same current version; the unique (team, version) index lets one win.
        var (version, id) = (next.Value.Version, next.Value.Id);
        var saved = await db.SaveOrConflictAsync(
            TeamErrors.ConcurrentChange,
            (_, ct) => db.LabelPolicies.AsNoTracking().AnyAsync(p => p.TeamId == team.Id && p.Version == version && p.Id != id, ct),
            cancellationToken);
        if (saved.IsFailure)
        {
            return saved.Error;
        }

        return LabelPolicyDto.From(next.Value);
    }
}
