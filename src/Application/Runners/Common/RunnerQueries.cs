using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Runners.GetRunner;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Runners.Common;

/// <summary>
/// The runner reads of the list and get paths, projected straight to <see cref="RunnerDto"/> in the query: only the
/// columns the DTO shows are read and no <see cref="Runner"/> is materialized. The usual shapes (one team's live
/// runners, first or next page; one runner by id; its jobs) are EF compiled queries: no expression tree is built,
/// funcletized and looked up in the query cache per request.
/// </summary>
public static class RunnerQueries
{
    /// <summary>The one definition of the projection: a runner row and its team's name to the DTO.</summary>
    private static readonly Expression<Func<Runner, string, RunnerDto>> ToDto = (runner, teamName) => new RunnerDto(
        runner.Id,
        runner.Name,
        teamName,
        runner.Organization,
        runner.GitHubRunnerId,
        runner.Kind,
        runner.Labels,
        runner.RequestedLabels,
        runner.RunnerGroupId,
        runner.PolicyVersion,
        runner.Ephemeral,
        runner.Status,
        runner.ProvisionedByDisplay,
        RunnerDto.WireName(runner.ProvisionedByKind),
        runner.CreatedAt,
        runner.UpdatedAt,
        runner.FirstOnlineAt,
        runner.TokenExpiresAt,
        runner.DeletedAt,
        runner.DeletedBy,
        runner.DeletionReason,
        runner.LabelDriftDetectedAt);

    /// <summary><see cref="ToDto"/> for a runner in memory (compiled once, at start).</summary>
    public static readonly Func<Runner, string, RunnerDto> Materialize = ToDto.Compile();

    /// <summary>A team's live runners, newest first: the first page (take = page size + 1).</summary>
    public static readonly Func<DbContext, Guid, string, int, IAsyncEnumerable<RunnerDto>> LiveOfTeam =
        EF.CompileAsyncQuery(Expand((DbContext db, Guid teamId, string teamName, int take) => db.Set<Runner>()
            .AsNoTracking()
            .Where(r => r.TeamId == teamId)
            .Where(r => r.Status != RunnerStatus.Deleted)
            .OrderByDescending(r => r.CreatedAt)
            .ThenByDescending(r => r.Id)
            .Select(r => Dto(r, teamName))
            .Take(take)));

    /// <summary>A team's live runners strictly after a cursor's (time, id), in the same order.</summary>
    public static readonly Func<DbContext, Guid, string, DateTimeOffset, Guid, int, IAsyncEnumerable<RunnerDto>> LiveOfTeamAfter =
        EF.CompileAsyncQuery(Expand((DbContext db, Guid teamId, string teamName, DateTimeOffset time, Guid id, int take) => db.Set<Runner>()
            .AsNoTracking()
            .Where(r => r.TeamId == teamId)
            .Where(r => r.Status != RunnerStatus.Deleted)
            .Where(r => r.CreatedAt < time || (r.CreatedAt == time && r.Id.CompareTo(id) < 0))
            .OrderByDescending(r => r.CreatedAt)
            .ThenByDescending(r => r.Id)
            .Select(r => Dto(r, teamName))
            .Take(take)));

    /// <summary>One runner (deleted ones included) with its team's id, the name read in the same statement.</summary>
    public static readonly Func<DbContext, Guid, CancellationToken, Task<TeamRunner?>> ById =
        EF.CompileAsyncQuery(Expand((DbContext db, Guid id, CancellationToken cancellationToken) => db.Set<Runner>()
            .AsNoTracking()
            .Where(r => r.Id == id)
            .Select(r => new TeamRunner(
                r.TeamId,
                Dto(r, db.Set<Team>().Where(t => t.Id == r.TeamId).Select(t => t.Name).FirstOrDefault() ?? string.Empty)))
            .SingleOrDefault()));

    /// <summary>The jobs a runner ran, newest first.</summary>
    public static readonly Func<DbContext, Guid, IAsyncEnumerable<RunnerJobDto>> JobsOf =
        EF.CompileAsyncQuery((DbContext db, Guid runnerId) => db.Set<RunnerJob>()
            .AsNoTracking()
            .Where(j => j.RunnerId == runnerId)
            .OrderByDescending(j => j.StartedAt)
            .Select(j => new RunnerJobDto(j.JobId, j.RunId, j.Repository, j.Workflow, j.JobName, j.StartedAt, j.CompletedAt, j.Conclusion, j.EnforcementOutcome)));

    /// <summary>The projection for a query built per request, the team's name given by <paramref name="teamName"/>.</summary>
    public static Expression<Func<Runner, RunnerDto>> Projection(Expression<Func<Runner, string>> teamName)
    {
        var runner = teamName.Parameters[0];
        var body = new Substitute(ToDto.Parameters[0], runner, ToDto.Parameters[1], teamName.Body).Visit(ToDto.Body);
        return Expression.Lambda<Func<Runner, RunnerDto>>(body, runner);
    }

    /// <summary>Marks where <see cref="ToDto"/> goes in a query; <see cref="Expand{T}"/> replaces it. Never runs.</summary>
    private static RunnerDto Dto(Runner runner, string teamName) =>
        throw new InvalidOperationException("RunnerQueries.Dto only marks a projection inside an expanded query.");

    private static T Expand<T>(T query)
        where T : LambdaExpression => (T)new DtoExpansion().Visit(query);

    /// <summary>A runner as the API shows it, with the id of its team (for the caller's visibility check).</summary>
    public sealed record TeamRunner(Guid TeamId, RunnerDto Runner);

    /// <summary>Replaces each <see cref="Dto"/> call by <see cref="ToDto"/>'s body over the call's arguments.</summary>
    private sealed class DtoExpansion : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType != typeof(RunnerQueries) || node.Method.Name != nameof(Dto))
            {
                return base.VisitMethodCall(node);
            }

            var runner = Visit(node.Arguments[0]);
            var teamName = Visit(node.Arguments[1]);
            return new Substitute(ToDto.Parameters[0], runner, ToDto.Parameters[1], teamName).Visit(ToDto.Body);
        }
    }

    private sealed class Substitute(ParameterExpression runner, Expression runnerWith, ParameterExpression teamName, Expression teamNameWith)
        : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            node == runner ? runnerWith : node == teamName ? teamNameWith : node;
    }
}
