// Deliberate violations of the authorization marker rules: the rules' tests must reject each of them. Never imitate.
using Mediator;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Architecture.Tests.Violations.Authorization;

/// <summary>Not marked, yet its handler reads the caller.</summary>
public sealed record RenameTeamCommand(string Team, string Name) : ICommand<Result>;

public sealed class RenameTeamCommandHandler(ICurrentPrincipal current) : ICommandHandler<RenameTeamCommand, Result>
{
    public ValueTask<Result> Handle(RenameTeamCommand command, CancellationToken cancellationToken) =>
        ValueTask.FromResult(current.Required.IsAdmin ? Result.Success() : Result.Failure(Error.Forbidden("team.rename", "No.")));
}

/// <summary>Not marked, and its handler reads the caller through a service it is given.</summary>
public sealed record ListMyTeamsQuery : IQuery<Result<int>>;

public sealed class CallerTeams(ICurrentPrincipal current)
{
    public int Count() => current.Principal?.Teams.Count ?? 0;
}

public sealed class ListMyTeamsQueryHandler(CallerTeams teams) : IQueryHandler<ListMyTeamsQuery, Result<int>>
{
    public ValueTask<Result<int>> Handle(ListMyTeamsQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Result.Success(teams.Count()));
}
