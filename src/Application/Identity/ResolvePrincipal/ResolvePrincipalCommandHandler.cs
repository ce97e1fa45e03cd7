using Mediator;
using Microsoft.Extensions.Options;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Identity.ResolvePrincipal;

/// <summary>
/// The one entry point of principal resolution. The issuer's purpose decides which paths run. A token must
/// resolve unambiguously: exactly one matching machine identity and no user with the same (issuer, subject)
/// signs in as that machine (<see cref="MachineIdentitySignIn"/>); several matching machine identities, or a
/// machine identity and a user, are refused with 403 <c>principal.ambiguous</c> and a security event (nothing
/// is ever chosen by age). With no machine match: the user with this (issuer, subject), a user pre-registered
/// by this trusted email, bootstrap admins and auto-provisioning (<see cref="UserSignIn"/>); else 403
/// <c>principal.unknown</c>. The usual path is two indexed, untracked queries (three for a machine).
/// </summary>
public sealed class ResolvePrincipalCommandHandler(
    MachineIdentitySignIn machines,
    UserSignIn users,
    PrincipalSecurityEvents securityEvents,
    IOptions<PrincipalOptions> options,
    TimeProvider clock)
    : ICommandHandler<ResolvePrincipalCommand, Result<CallerPrincipal>>
{
    public async ValueTask<Result<CallerPrincipal>> Handle(ResolvePrincipalCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var trust = options.Value.FindIssuer(command.Issuer) ?? IssuerTrust.Default(command.Issuer);

        var machine = trust.AllowsMachines ? await machines.FindAsync(command, cancellationToken) : MachineLookup.None;
        if (machine.Matches.Count > 0)
        {
            var userId = trust.AllowsUsers ? await users.FindIdAsync(command, cancellationToken) : null;
            if (machine.Matches.Count > 1 || userId is not null)
            {
                return await RefuseAmbiguousAsync(command, machine, userId, cancellationToken);
            }

            return await machines.SignInAsync(command, machine.Matches[0], cancellationToken);
        }

        if (!trust.AllowsUsers)
        {
            return await users.RefuseUnknownAsync(command, machine.Candidates, emailTaken: false, cancellationToken);
        }

        return await users.SignInAsync(command, trust, machine.Candidates, now, cancellationToken);
    }

    private async Task<Result<CallerPrincipal>> RefuseAmbiguousAsync(
        ResolvePrincipalCommand command, MachineLookup machine, Guid? userId, CancellationToken cancellationToken)
    {
        await securityEvents.RecordAsync("principal.ambiguous", SecuritySeverity.Medium, command, actor: null, teamId: null,
            new
            {
                issuer = command.Issuer,
                subject = command.Subject,
                machineIdentityIds = machine.Matches.Select(m => m.Identity.Id).ToArray(),
                userId,
            },
            cancellationToken);
        return PrincipalErrors.Ambiguous;
    }
}
