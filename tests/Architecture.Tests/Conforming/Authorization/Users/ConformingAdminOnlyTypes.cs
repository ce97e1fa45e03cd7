// A well-formed admin-only use case that the admin-only rule must accept.
using Mediator;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Architecture.Tests.Conforming.Authorization.Users;

public sealed record DeleteUserCommand(Guid Id) : ICommand<Result>, IAdminOnly;

public sealed class DeleteUserCommandHandler : ICommandHandler<DeleteUserCommand, Result>
{
    public ValueTask<Result> Handle(DeleteUserCommand command, CancellationToken cancellationToken) => ValueTask.FromResult(Result.Success());
}
