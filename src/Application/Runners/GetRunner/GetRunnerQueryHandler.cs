using Mediator;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Runners.Common;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Runners;

namespace RunnerTokens.Application.Runners.GetRunner;

/// <summary>Deleted runners stay readable as history. Runners the caller may not see are simply not found.</summary>
public sealed class GetRunnerQueryHandler(IAppDbContext db, ICurrentPrincipal current) : IQueryHandler<GetRunnerQuery, Result<RunnerDetailsDto>>
{
    public async ValueTask<Result<RunnerDetailsDto>> Handle(GetRunnerQuery query, CancellationToken cancellationToken)
    {
        var principal = current.Required;

        var runner = await db.Runners.AsNoTracking().SingleOrDefaultAsync(r => r.Id == query.Id, cancellationToken);
        if (runner is null || !principal.CanSee(runner.TeamId))
        {
            return RunnerErrors.NotFound;
        }

        var teamName = await db.Teams.Where(t => t.Id == runner.TeamId).Select(t => t.Name).SingleAsync(cancellationToken);
        var jobs = await db.RunnerJobs.AsNoTracking()
            .Where(j => j.RunnerId == runner.Id)
            .OrderByDescending(j => j.StartedAt)
            .Select(j => new RunnerJobDto(j.JobId, j.RunId, j.Repository, j.Workflow, j.JobName, j.StartedAt, j.CompletedAt, j.Conclusion, j.EnforcementOutcome))
            .ToListAsync(cancellationToken);
        return new RunnerDetailsDto(RunnerDto.From(runner, teamName), jobs);
    }
}
