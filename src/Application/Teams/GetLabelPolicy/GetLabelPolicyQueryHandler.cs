using Mediator;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Teams.GetLabelPolicy;

public sealed class GetLabelPolicyQueryHandler(IAppDbContext db, ICurrentPrincipal current)
    : IQueryHandler<GetLabelPolicyQuery, Result<LabelPolicyDto>>
{
    public async ValueTask<Result<LabelPolicyDto>> Handle(GetLabelPolicyQuery query, CancellationToken cancellationToken)
    {
        var principal = current.Required;

        var team = await db.FindVisibleTeamAsync(principal, query.Team, cancellationToken);
        if (team.IsFailure)
        {
            return team.Error;
        }

        return LabelPolicyDto.From(await db.CurrentPolicyAsync(team.Value.Id, cancellationToken));
    }
}
