// Well-formed CQRS types that the naming and shape rules must accept (no false positives). Grouped in one
// file on purpose, next to their counterparts in Violations/Naming.
using FluentValidation;
using Mediator;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Architecture.Tests.Conforming.Naming;

public sealed record ArchiveTeamCommand(Guid TeamId) : ICommand<Result>;

public sealed record TeamsByNameQuery(string Name) : IQuery<Result<int>>;

public sealed class ArchiveTeamCommandHandler : ICommandHandler<ArchiveTeamCommand, Result>
{
    public ValueTask<Result> Handle(ArchiveTeamCommand command, CancellationToken cancellationToken) => ValueTask.FromResult(Result.Success());
}

public sealed class TeamsByNameQueryHandler : IQueryHandler<TeamsByNameQuery, Result<int>>
{
    public ValueTask<Result<int>> Handle(TeamsByNameQuery query, CancellationToken cancellationToken) => ValueTask.FromResult(Result.Success(0));
}

public sealed class ArchiveTeamCommandValidator : AbstractValidator<ArchiveTeamCommand>
{
    public ArchiveTeamCommandValidator() => RuleFor(c => c.TeamId).NotEmpty();
}
