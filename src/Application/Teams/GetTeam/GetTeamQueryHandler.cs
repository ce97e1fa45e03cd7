using Mediator;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Teams.GetTeam;

public sealed class GetTeamQueryHandler(IAppDbContext db, ICurrentPrincipal current) : IQueryHandler<GetTeamQuery, Result<TeamDto>>
{
    public async ValueTask<Result<TeamDto>> Handle(GetTeamQuery query, CancellationToken cancellationToken)
    {
        var principal = current.Required;

        var team = await db.FindVisibleTeamAsync(principal, query.Team, cancellationToken);
        if (team.IsFailure)
        {
            return team.Error;
        }

        return TeamDto.From(team.Value, await db.CurrentPolicyVersionAsync(team.Value.Id, cancellationToken));
    }
}
