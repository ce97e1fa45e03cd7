using Mediator;
using RunnerTokens.Application.Common.Auditing;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Teams.PatchLabelPolicy;

public sealed class PatchLabelPolicyCommandHandler(IAppDbContext db, ICurrentPrincipal current, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<PatchLabelPolicyCommand, Result<LabelPolicyDto>>
{
    public async ValueTask<Result<LabelPolicyDto>> Handle(PatchLabelPolicyCommand command, CancellationToken cancellationToken)
    {
        var principal = current.Required;

        var found = await db.FindTeamForAdminAsync(principal, command.Team, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var team = found.Value;
        var currentPolicy = await db.CurrentPolicyAsync(team.Id, cancellationToken);
        var settings = command.Patch.ApplyTo(currentPolicy.Settings);
        return await db.SaveNextVersionAsync(
            audit, team, currentPolicy, settings, command.ExpectedVersion, principal.ToAuditActor().Id, clock.GetUtcNow(), cancellationToken);
    }
}
