using Mediator;
using RunnerTokens.Application.Common.Auditing;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Teams.ChangeLabelPolicy;

public sealed class ChangeLabelPolicyCommandHandler(IAppDbContext db, ICurrentPrincipal current, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<ChangeLabelPolicyCommand, Result<LabelPolicyDto>>
{
    public async ValueTask<Result<LabelPolicyDto>> Handle(ChangeLabelPolicyCommand command, CancellationToken cancellationToken)
    {
        if (current.Principal is not { } principal)
        {
            return AccessErrors.Unauthenticated;
        }

        var found = await db.FindVisibleTeamAsync(principal, command.Team, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var team = found.Value;
        if (!principal.IsAdmin)
        {
            return AccessErrors.AdminRequired;
        }

        var currentPolicy = await db.CurrentPolicyAsync(team.Id, cancellationToken);
        return await db.SaveNextVersionAsync(
            audit, team, currentPolicy, command.Settings, command.ExpectedVersion, principal.ToAuditActor().Id, clock.GetUtcNow(), cancellationToken);
    }
}
