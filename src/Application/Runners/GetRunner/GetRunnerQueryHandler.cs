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

        // Straight to the DTO in compiled queries: no entity, the team's name read in the same statement. Compiled
        // queries take the context itself; IAppDbContext is always one (AppDbContext, in tests as in production).
        var context = (DbContext)db;
        var found = await RunnerQueries.ById(context, query.Id, cancellationToken);
        if (found is null || !principal.CanSee(found.TeamId))
        {
            return RunnerErrors.NotFound;
        }

        var jobs = new List<RunnerJobDto>();
        await foreach (var job in RunnerQueries.JobsOf(context, found.Runner.Id).WithCancellation(cancellationToken))
        {
            jobs.Add(job);
        }

        return new RunnerDetailsDto(found.Runner, jobs);
    }
}
