// Deliberate violations of the admin-only rule: the rule's tests must reject each of them. Never imitate.
using Mediator;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Architecture.Tests.Violations.Authorization.Users;

/// <summary>A users use case (admin-only by place) that only asks for a principal.</summary>
public sealed record DeleteUserCommand(Guid Id) : ICommand<Result>, IRequiresPrincipal;

public sealed class DeleteUserCommandHandler(ICurrentPrincipal current) : ICommandHandler<DeleteUserCommand, Result>
{
    public ValueTask<Result> Handle(DeleteUserCommand command, CancellationToken cancellationToken) =>
        ValueTask.FromResult(current.Required.Id == command.Id ? Result.Failure(Error.Conflict("user.self", "No.")) : Result.Success());
}
