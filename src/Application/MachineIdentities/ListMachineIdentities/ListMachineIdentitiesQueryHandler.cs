using Mediator;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.MachineIdentities.ListMachineIdentities;

public sealed class ListMachineIdentitiesQueryHandler(ICurrentPrincipal current, IAppDbContext db)
    : IQueryHandler<ListMachineIdentitiesQuery, Result<IReadOnlyList<MachineIdentityDto>>>
{
    public async ValueTask<Result<IReadOnlyList<MachineIdentityDto>>> Handle(ListMachineIdentitiesQuery query, CancellationToken cancellationToken)
    {
        var team = await db.FindManagedTeamAsync(current.Required, query.Team, cancellationToken);
        if (team.IsFailure)
        {
            return team.Error;
        }

        var identities = await db.MachineIdentities.AsNoTracking()
            .Where(m => m.TeamId == team.Value.Id)
            .OrderBy(m => m.Name)
            .ToListAsync(cancellationToken);
        return identities.Select(m => MachineIdentityDto.From(m, team.Value.Name)).ToList();
    }
}
