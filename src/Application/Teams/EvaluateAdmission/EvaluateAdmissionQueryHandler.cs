using Mediator;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Teams.EvaluateAdmission;

public sealed class EvaluateAdmissionQueryHandler(IAppDbContext db, ICurrentPrincipal current, ILiveRunnerCounter liveRunners)
    : IQueryHandler<EvaluateAdmissionQuery, Result<AdmissionDecisionDto>>
{
    public async ValueTask<Result<AdmissionDecisionDto>> Handle(EvaluateAdmissionQuery query, CancellationToken cancellationToken)
    {
        var principal = current.Required;

        var found = await db.FindVisibleTeamAsync(principal, query.Team, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var team = found.Value;
        if (!principal.CanOperateRunners(team.Id))
        {
            return AccessErrors.TeamRoleRequired;
        }

        var policy = await db.CurrentPolicyAsync(team.Id, cancellationToken);
        var live = await liveRunners.CountLiveRunnersAsync(team.Id, cancellationToken);
        var decision = team.Evaluate(policy, query.Labels, query.RunnerGroupId, live);
        return new AdmissionDecisionDto(
            decision.IsAdmitted,
            decision.Admission?.Labels,
            decision.Admission?.RunnerGroupId,
            decision.PolicyVersion,
            live,
            policy.MaxRunners,
            [.. decision.Violations.Select(TeamsMapper.ToDto)]);
    }
}
