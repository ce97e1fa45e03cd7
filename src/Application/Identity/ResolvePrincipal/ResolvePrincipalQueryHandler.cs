using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RunnerTokens.Application.Common.Auditing;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Persistence;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Identity;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Identity.ResolvePrincipal;

/// <summary>
/// Order: a matching machine identity wins; then the user with this (issuer, subject); then a user
/// pre-registered by this (verified) email, bound now; then bootstrap admins and auto-provisioning;
/// else 403 <c>principal.unknown</c>. The usual path is two indexed, untracked queries.
/// </summary>
public sealed class ResolvePrincipalQueryHandler(
    IAppDbContext db,
    IAuditLog audit,
    ITokenReplayGuard replayGuard,
    SecurityEventThrottle throttle,
    IOptions<PrincipalOptions> options,
    TimeProvider clock) : IQueryHandler<ResolvePrincipalQuery, Result<CallerPrincipal>>
{
    /// <summary>At most one security event per (type, issuer, subject) per window and replica.</summary>
    public static readonly TimeSpan SecurityEventWindow = TimeSpan.FromMinutes(5);

    /// <summary>How stale <see cref="User.LastSeenAt"/> may get before a request refreshes it.</summary>
    private static readonly TimeSpan LastSeenResolution = TimeSpan.FromHours(1);

    public async ValueTask<Result<CallerPrincipal>> Handle(ResolvePrincipalQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();

        // Issuer identifiers are compared ignoring one trailing slash: admins type them, issuers emit them.
        var issuer = query.Issuer.TrimEnd('/');
        var issuerWithSlash = issuer + "/";

        var candidates = await db.MachineIdentities.AsNoTracking()
            .Where(m => (m.Issuer == issuer || m.Issuer == issuerWithSlash) && m.Subject == query.Subject && m.IsActive)
            .Join(db.Teams, m => m.TeamId, t => t.Id, (m, t) => new { Identity = m, TeamName = t.Name })
            .ToListAsync(cancellationToken);
        var machine = candidates
            .Where(c => c.Identity.Matches(query.Issuer, query.Subject, query.ClaimValues))
            .OrderBy(c => c.Identity.CreatedAt)
            .ThenBy(c => c.Identity.Id)
            .FirstOrDefault();
        if (machine is not null)
        {
            return await ResolveMachineAsync(query, machine.Identity, machine.TeamName, cancellationToken);
        }

        var known = await db.Users.AsNoTracking()
            .Where(u => (u.Issuer == issuer || u.Issuer == issuerWithSlash) && u.Subject == query.Subject)
            .Select(u => new
            {
                u.Id,
                u.DisplayName,
                u.IsAdmin,
                u.IsActive,
                u.LastSeenAt,
                Teams = db.TeamMemberships
                    .Where(m => m.UserId == u.Id)
                    .Join(db.Teams, m => m.TeamId, t => t.Id, (m, t) => new TeamAccess(
                        t.Id,
                        t.Name,
                        m.Role == TeamRole.Maintainer ? TeamAccessLevel.Maintainer : TeamAccessLevel.Member))
                    .ToList(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (known is not null)
        {
            if (!known.IsActive)
            {
                return await RefuseDeactivatedAsync(query, known.Id, known.DisplayName, cancellationToken);
            }

            if (known.LastSeenAt is null)
            {
                // First sign-in of a user pre-registered by issuer and subject.
                var user = await db.Users.SingleAsync(u => u.Id == known.Id, cancellationToken);
                return await CompleteFirstSignInAsync(query, user, bound: false, now, cancellationToken);
            }

            if (now - known.LastSeenAt.Value >= LastSeenResolution)
            {
                await db.Users.Where(u => u.Id == known.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSeenAt, now), cancellationToken);
            }

            return new CallerPrincipal(PrincipalKind.User, known.Id, known.DisplayName, known.IsAdmin, known.Teams);
        }

        var email = User.NormalizeEmail(query.TrustedEmail);
        var emailTaken = false;
        if (email is not null)
        {
            var byEmail = await db.Users.SingleOrDefaultAsync(u => u.Email == email, cancellationToken);
            if (byEmail is not null && byEmail.Issuer is null)
            {
                return byEmail.IsActive
                    ? await CompleteFirstSignInAsync(query, byEmail, bound: true, now, cancellationToken)
                    : await RefuseDeactivatedAsync(query, byEmail.Id, byEmail.DisplayName, cancellationToken);
            }

            // Held by a user bound to another identity: this token proves nothing about that person.
            emailTaken = byEmail is not null;
        }

        var usableEmail = emailTaken ? null : email;
        if (MatchesBootstrap(query, usableEmail))
        {
            return await ProvisionAsync(query, usableEmail, admin: true, now, cancellationToken);
        }

        if (options.Value.AutoProvisionUsers)
        {
            return await ProvisionAsync(query, usableEmail, admin: false, now, cancellationToken);
        }

        return await RefuseUnknownAsync(query, candidates.Count, emailTaken, cancellationToken);
    }

    private async Task<Result<CallerPrincipal>> ResolveMachineAsync(
        ResolvePrincipalQuery query, MachineIdentity identity, string teamName, CancellationToken cancellationToken)
    {
        var actor = new AuditActor(PrincipalKind.Machine, identity.Id.ToString(), identity.Name);
        if (identity.SingleUseTokens)
        {
            if (string.IsNullOrEmpty(query.TokenId) || query.AcceptableUntil is null)
            {
                await RecordSecurityAsync("auth.token_id_missing", SecuritySeverity.Medium, query, actor, identity.TeamId,
                    new { machineIdentityId = identity.Id, issuer = query.Issuer, subject = query.Subject }, cancellationToken);
                return PrincipalErrors.TokenIdRequired;
            }

            var firstUse = await replayGuard.TryConsumeAsync(query.Issuer, query.TokenId, query.AcceptableUntil.Value, cancellationToken);
            if (!firstUse)
            {
                await RecordSecurityAsync("auth.token_replayed", SecuritySeverity.High, query, actor, identity.TeamId,
                    new { machineIdentityId = identity.Id, issuer = query.Issuer, subject = query.Subject, jti = query.TokenId },
                    cancellationToken);
                return PrincipalErrors.TokenReplayed;
            }
        }

        return new CallerPrincipal(PrincipalKind.Machine, identity.Id, identity.Name, IsAdmin: false,
            [new TeamAccess(identity.TeamId, teamName, TeamAccessLevel.Machine)]);
    }

    private async Task<Result<CallerPrincipal>> CompleteFirstSignInAsync(
        ResolvePrincipalQuery query, User user, bool bound, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var before = UserSnapshot.Of(user);
        if (bound)
        {
            var binding = user.BindIdentity(query.Issuer, query.Subject, now);
            if (binding.IsFailure)
            {
                return binding.Error;
            }
        }

        // Take the token's email only when the user has none and nobody else holds it (emails are unique).
        var email = User.NormalizeEmail(query.TrustedEmail);
        if (email is not null && user.Email is null
            && await db.Users.AnyAsync(u => u.Email == email && u.Id != user.Id, cancellationToken))
        {
            email = null;
        }

        user.RecordSignIn(email, query.DisplayName, now);
        var actor = new AuditActor(PrincipalKind.User, user.Id.ToString(), user.DisplayName);
        if (bound)
        {
            audit.Record(new AuditEntry("user.identity_bound", "user", user.Id.ToString(), AuditOutcome.Succeeded,
                Details: new { before, after = UserSnapshot.Of(user) }, Actor: actor));
        }

        if (!user.IsAdmin && MatchesBootstrap(query, user.Email))
        {
            var beforeGrant = UserSnapshot.Of(user);
            user.GrantAdmin(now);
            audit.Record(new AuditEntry("user.admin_bootstrapped", "user", user.Id.ToString(), AuditOutcome.Succeeded,
                Details: new { created = false, before = beforeGrant, after = UserSnapshot.Of(user) }, Actor: actor));
        }

        if (!await db.TrySaveAsync(cancellationToken))
        {
            return PrincipalErrors.ConcurrentSignIn;
        }

        return new CallerPrincipal(PrincipalKind.User, user.Id, user.DisplayName, user.IsAdmin,
            await TeamsOfAsync(user.Id, cancellationToken));
    }

    private async Task<Result<CallerPrincipal>> ProvisionAsync(
        ResolvePrincipalQuery query, string? email, bool admin, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var registered = User.Register(query.Issuer, query.Subject, email, query.DisplayName, now);
        if (registered.IsFailure)
        {
            return registered.Error;
        }

        var user = registered.Value;
        user.RecordSignIn(email, query.DisplayName, now);
        if (admin)
        {
            user.GrantAdmin(now);
        }

        db.Users.Add(user);
        audit.Record(new AuditEntry(
            admin ? "user.admin_bootstrapped" : "user.auto_provisioned",
            "user",
            user.Id.ToString(),
            AuditOutcome.Succeeded,
            Details: new { created = true, before = (UserSnapshot?)null, after = UserSnapshot.Of(user) },
            Actor: new AuditActor(PrincipalKind.User, user.Id.ToString(), user.DisplayName)));
        if (!await db.TrySaveAsync(cancellationToken))
        {
            return PrincipalErrors.ConcurrentSignIn;
        }

        return new CallerPrincipal(PrincipalKind.User, user.Id, user.DisplayName, user.IsAdmin, []);
    }

    private async Task<Result<CallerPrincipal>> RefuseDeactivatedAsync(
        ResolvePrincipalQuery query, Guid userId, string displayName, CancellationToken cancellationToken)
    {
        await RecordSecurityAsync("principal.deactivated", SecuritySeverity.Medium, query,
            new AuditActor(PrincipalKind.User, userId.ToString(), displayName), teamId: null,
            new { userId, issuer = query.Issuer, subject = query.Subject }, cancellationToken);
        return PrincipalErrors.Deactivated;
    }

    private async Task<Result<CallerPrincipal>> RefuseUnknownAsync(
        ResolvePrincipalQuery query, int machineCandidates, bool emailTaken, CancellationToken cancellationToken)
    {
        await RecordSecurityAsync("principal.unknown", SecuritySeverity.Medium, query, actor: null, teamId: null,
            new
            {
                issuer = query.Issuer,
                subject = query.Subject,
                // Machine identities with this issuer and subject whose claim conditions did not hold.
                machineIdentityCandidates = machineCandidates,
                emailHeldByAnotherIdentity = emailTaken,
            },
            cancellationToken);
        return PrincipalErrors.Unknown;
    }

    private async Task RecordSecurityAsync(
        string type, SecuritySeverity severity, ResolvePrincipalQuery query, AuditActor? actor, Guid? teamId,
        object details, CancellationToken cancellationToken)
    {
        if (!throttle.ShouldRecord(string.Join('\n', "principal", type, query.Issuer, query.Subject), SecurityEventWindow))
        {
            return;
        }

        audit.RecordSecurity(new SecurityEntry(type, severity, teamId, Details: details, Actor: actor));
        await db.SaveChangesAsync(cancellationToken);
    }

    private bool MatchesBootstrap(ResolvePrincipalQuery query, string? verifiedEmail) =>
        options.Value.BootstrapAdmins.Any(rule => rule.Matches(query.Issuer, query.Subject, verifiedEmail));

    private async Task<IReadOnlyList<TeamAccess>> TeamsOfAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.TeamMemberships.AsNoTracking()
            .Where(m => m.UserId == userId)
            .Join(db.Teams, m => m.TeamId, t => t.Id, (m, t) => new TeamAccess(
                t.Id,
                t.Name,
                m.Role == TeamRole.Maintainer ? TeamAccessLevel.Maintainer : TeamAccessLevel.Member))
            .ToListAsync(cancellationToken);
}
