using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Application.Identity.ResolvePrincipal;

/// <summary>
/// The machine-identity path of principal resolution: the active identities with the token's issuer and
/// subject whose claim conditions hold (more than one is ambiguous: the handler refuses it), and the
/// single-use token check.
/// </summary>
public sealed class MachineIdentitySignIn(IAppDbContext db, ITokenReplayGuard replayGuard, PrincipalSecurityEvents securityEvents)
{
    /// <summary>The matching identities (normally none or one) and how many identities had this issuer and subject.</summary>
    public async Task<MachineLookup> FindAsync(ResolvePrincipalCommand command, CancellationToken cancellationToken)
    {
        // Issuer identifiers are compared ignoring one trailing slash: admins type them, issuers emit them.
        var (issuer, issuerWithSlash) = IssuerIdentifier.Spellings(command.Issuer);

        var candidates = await db.MachineIdentities.AsNoTracking()
            .Where(m => (m.Issuer == issuer || m.Issuer == issuerWithSlash) && m.Subject == command.Subject && m.IsActive)
            .Join(db.Teams, m => m.TeamId, t => t.Id, (m, t) => new { Identity = m, TeamName = t.Name })
            .ToListAsync(cancellationToken);
        var matches = candidates
            .Where(c => c.Identity.Matches(command.Issuer, command.Subject, command.ClaimValues))
            .Select(c => new MachineMatch(c.Identity, c.TeamName))
            .ToList();
        return new MachineLookup(matches, candidates.Count);
    }

    /// <summary>The identity as the caller, once its single-use token (if it requires them) is consumed.</summary>
    public async Task<Result<CallerPrincipal>> SignInAsync(ResolvePrincipalCommand command, MachineMatch match, CancellationToken cancellationToken)
    {
        var identity = match.Identity;
        var actor = new AuditActor(PrincipalKind.Machine, identity.Id.ToString(), identity.Name);
        if (identity.SingleUseTokens)
        {
            if (string.IsNullOrEmpty(command.TokenId) || command.AcceptableUntil is null)
            {
                await securityEvents.RecordAsync("auth.token_id_missing", SecuritySeverity.Medium, command, actor, identity.TeamId,
                    new { machineIdentityId = identity.Id, issuer = command.Issuer, subject = command.Subject }, cancellationToken);
                return PrincipalErrors.TokenIdRequired;
            }

            var firstUse = await replayGuard.TryConsumeAsync(command.Issuer, command.TokenId, command.AcceptableUntil.Value, cancellationToken);
            if (!firstUse)
            {
                await securityEvents.RecordAsync("auth.token_replayed", SecuritySeverity.High, command, actor, identity.TeamId,
                    new { machineIdentityId = identity.Id, issuer = command.Issuer, subject = command.Subject, jti = command.TokenId },
                    cancellationToken);
                return PrincipalErrors.TokenReplayed;
            }
        }

        return new CallerPrincipal(PrincipalKind.Machine, identity.Id, identity.Name, IsAdmin: false,
            [new TeamAccess(identity.TeamId, match.TeamName, TeamAccessLevel.Machine)]);
    }
}

/// <param name="Matches">The active identities whose conditions hold; resolution needs exactly one to sign in.</param>
/// <param name="Candidates">Active identities with this issuer and subject, matching or not.</param>
public sealed record MachineLookup(IReadOnlyList<MachineMatch> Matches, int Candidates)
{
    /// <summary>Nothing looked up: the issuer's purpose excludes machine identities.</summary>
    public static readonly MachineLookup None = new([], 0);
}

public sealed record MachineMatch(MachineIdentity Identity, string TeamName);
