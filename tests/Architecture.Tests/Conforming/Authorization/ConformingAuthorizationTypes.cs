// Well-formed use cases that the authorization marker rules must accept (no false positives), next to their
// counterparts in Violations/Authorization.
using Mediator;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Architecture.Tests.Conforming.Authorization;

public sealed record RenameTeamCommand(string Team, string Name) : ICommand<Result>, IRequiresPrincipal;

public sealed class RenameTeamCommandHandler(ICurrentPrincipal current) : ICommandHandler<RenameTeamCommand, Result>
{
    public ValueTask<Result> Handle(RenameTeamCommand command, CancellationToken cancellationToken) =>
        ValueTask.FromResult(current.Required.IsAdmin ? Result.Success() : Result.Failure(Error.Forbidden("team.rename", "No.")));
}

/// <summary>Anonymous on purpose: the handler reads where the request came from, never who sent it.</summary>
public sealed record ReceivePingCommand : ICommand<Result<string>>;

public sealed class ReceivePingCommandHandler(ICurrentPrincipal current) : ICommandHandler<ReceivePingCommand, Result<string>>
{
    public ValueTask<Result<string>> Handle(ReceivePingCommand command, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Result.Success(current.Context.ClientIp ?? "unknown"));
}
