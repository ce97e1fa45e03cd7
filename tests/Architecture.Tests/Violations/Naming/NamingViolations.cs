// Deliberate violations of the CQRS naming and shape rules, grouped in one file on purpose: the rules' tests
// must reject each of them. Never imitate.
using FluentValidation;
using Mediator;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Architecture.Tests.Violations.Naming;

/// <summary>A command not named *Command.</summary>
public sealed record ArchiveTeam(Guid TeamId) : ICommand<Result>;

/// <summary>A command without a response, not named *Command.</summary>
public sealed record PurgeEverything : ICommand;

/// <summary>A query not named *Query.</summary>
public sealed record TeamsByName(string Name) : IQuery<Result<int>>;

/// <summary>A handler not named *Handler.</summary>
public sealed class ArchiveTeamProcessor : ICommandHandler<ArchiveTeam, Result>
{
    public ValueTask<Result> Handle(ArchiveTeam command, CancellationToken cancellationToken) => ValueTask.FromResult(Result.Success());
}

/// <summary>A handler that is not public.</summary>
internal sealed class HiddenArchiveTeamHandler : ICommandHandler<ArchiveTeam, Result>
{
    public ValueTask<Result> Handle(ArchiveTeam command, CancellationToken cancellationToken) => ValueTask.FromResult(Result.Success());
}

/// <summary>A handler that is not sealed.</summary>
public class UnsealedTeamsByNameHandler : IQueryHandler<TeamsByName, Result<int>>
{
    public ValueTask<Result<int>> Handle(TeamsByName query, CancellationToken cancellationToken) => ValueTask.FromResult(Result.Success(0));
}

/// <summary>A validator not named *Validator.</summary>
public sealed class ArchiveTeamRules : AbstractValidator<ArchiveTeam>
{
    public ArchiveTeamRules() => RuleFor(c => c.TeamId).NotEmpty();
}
