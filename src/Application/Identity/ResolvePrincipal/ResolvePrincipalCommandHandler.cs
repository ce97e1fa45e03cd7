using Mediator;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Identity.ResolvePrincipal;

/// <summary>
/// Order: a matching machine identity wins (<see cref="MachineIdentitySignIn"/>); then the user with this
/// (issuer, subject), a user pre-registered by this (verified) email, bootstrap admins and auto-provisioning
/// (<see cref="UserSignIn"/>); else 403 <c>principal.unknown</c>. The usual path is two indexed, untracked queries.
/// </summary>
public sealed class ResolvePrincipalCommandHandler(MachineIdentitySignIn machines, UserSignIn users, TimeProvider clock)
    : ICommandHandler<ResolvePrincipalCommand, Result<CallerPrincipal>>
{
    public async ValueTask<Result<CallerPrincipal>> Handle(ResolvePrincipalCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();

        var machine = await machines.FindAsync(command, cancellationToken);
        if (machine.Match is { } match)
        {
            return await machines.SignInAsync(command, match, cancellationToken);
        }

        return await users.SignInAsync(command, machine.Candidates, now, cancellationToken);
    }
}
