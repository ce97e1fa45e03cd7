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
/// The user path of principal resolution, when no machine identity matched: the user with this (issuer,
/// subject), refreshing last-seen; else the first sign-in of a user pre-registered by this email (only when the
/// issuer marks it verified and is the issuer the pre-registration names, or, if it names none, trusts emails),
/// bound now; then bootstrap admins and auto-provisioning
/// (never for a subject that some machine identity answers to); else 403 <c>principal.unknown</c>.
/// </summary>
public sealed class UserSignIn(
    IAppDbContext db,
    IAuditLog audit,
    PrincipalSecurityEvents securityEvents,
    IOptions<PrincipalOptions> options)
{
    /// <summary>How stale <see cref="User.LastSeenAt"/> may get before a request refreshes it.</summary>
    private static readonly TimeSpan LastSeenResolution = TimeSpan.FromHours(1);

    /// <summary>The user with the token's (issuer, subject), active or not, if any.</summary>
    public async Task<Guid?> FindIdAsync(ResolvePrincipalCommand command, CancellationToken cancellationToken) =>
        await WithIdentity(command).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken);

    /// <param name="trust">What the token's issuer is trusted for (emails).</param>
    /// <param name="machineCandidates">Machine identities with this issuer and subject whose claim conditions did not hold.</param>
    public async Task<Result<CallerPrincipal>> SignInAsync(
        ResolvePrincipalCommand command, IssuerTrust trust, int machineCandidates, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var known = await WithIdentity(command)
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
                return await RefuseDeactivatedAsync(command, known.Id, known.DisplayName, cancellationToken);
            }

            if (known.LastSeenAt is null)
            {
                // First sign-in of a user pre-registered by issuer and subject.
                var user = await db.Users.SingleAsync(u => u.Id == known.Id, cancellationToken);
                return await CompleteFirstSignInAsync(command, trust, user, bound: false, now, cancellationToken);
            }

            if (now - known.LastSeenAt.Value >= LastSeenResolution)
            {
                await db.Users.Where(u => u.Id == known.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSeenAt, now), cancellationToken);
            }

            return new CallerPrincipal(PrincipalKind.User, known.Id, known.DisplayName, known.IsAdmin, known.Teams);
        }

        // An email identifies a person only when the issuer marks it verified and vouches for it: the issuer the
        // pre-registration names, or, when it names none, any issuer with TrustEmail.
        var candidateEmail = User.NormalizeEmail(trust.VerifiedEmail(command.Email, command.EmailVerified));
        if (candidateEmail is not null)
        {
            var byEmail = await db.Users.SingleOrDefaultAsync(u => u.Email == candidateEmail, cancellationToken);
            if (byEmail is not null && byEmail.Issuer is null && byEmail.AcceptsEmailFrom(command.Issuer, trust.TrustEmail))
            {
                return byEmail.IsActive
                    ? await CompleteFirstSignInAsync(command, trust, byEmail, bound: true, now, cancellationToken)
                    : await RefuseDeactivatedAsync(command, byEmail.Id, byEmail.DisplayName, cancellationToken);
            }

            if (byEmail is not null && IsBoundTo(byEmail, command))
            {
                // A concurrent first request (this replica or another) bound this very identity after our lookup
                // by subject: it is this user, not a taken email.
                return byEmail.IsActive
                    ? new CallerPrincipal(PrincipalKind.User, byEmail.Id, byEmail.DisplayName, byEmail.IsAdmin,
                        await TeamsOfAsync(byEmail.Id, cancellationToken))
                    : await RefuseDeactivatedAsync(command, byEmail.Id, byEmail.DisplayName, cancellationToken);
            }
        }

        // The verified email for bootstrap rules, unless another user holds it: then this token proves nothing
        // about that person.
        var verifiedEmail = User.NormalizeEmail(trust.VerifiedEmail(command.Email, command.EmailVerified));
        var emailTaken = verifiedEmail is not null
            && await db.Users.AnyAsync(u => u.Email == verifiedEmail, cancellationToken);
        var usableEmail = emailTaken ? null : verifiedEmail;
        if (MatchesBootstrap(command, trust, usableEmail))
        {
            return await ProvisionAsync(command, trust.TrustEmail ? usableEmail : null, admin: true, now, cancellationToken);
        }

        // A subject that some machine identity answers to is never provisioned as a user (that would make it ambiguous).
        if (options.Value.AutoProvisionUsers && machineCandidates == 0)
        {
            return await ProvisionAsync(command, trust.TrustEmail ? usableEmail : null, admin: false, now, cancellationToken);
        }

        return await RefuseUnknownAsync(command, machineCandidates, emailTaken, cancellationToken);
    }

    private async Task<Result<CallerPrincipal>> CompleteFirstSignInAsync(
        ResolvePrincipalCommand command, IssuerTrust trust, User user, bool bound, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var before = UserSnapshot.Of(user);
        if (bound)
        {
            var binding = user.BindIdentity(command.Issuer, command.Subject, now);
            if (binding.IsFailure)
            {
                return binding.Error;
            }
        }

        // Take the token's (trusted) email only when the user has none and nobody else holds it (emails are unique).
        var email = User.NormalizeEmail(trust.TrustedEmail(command.Email, command.EmailVerified));
        if (email is not null && user.Email is null
            && await db.Users.AnyAsync(u => u.Email == email && u.Id != user.Id, cancellationToken))
        {
            email = null;
        }

        user.RecordSignIn(email, command.DisplayName, now);
        var actor = new AuditActor(PrincipalKind.User, user.Id.ToString(), user.DisplayName);
        if (bound)
        {
            audit.Record(new AuditEntry("user.identity_bound", "user", user.Id.ToString(), AuditOutcome.Succeeded,
                Details: new { before, after = UserSnapshot.Of(user) }, Actor: actor));
        }

        var verifiedEmail = User.NormalizeEmail(trust.VerifiedEmail(command.Email, command.EmailVerified));
        if (!user.IsAdmin && MatchesBootstrap(command, trust, user.Email is null || user.Email == verifiedEmail ? verifiedEmail : null))
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
        ResolvePrincipalCommand command, string? email, bool admin, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var registered = User.Register(command.Issuer, command.Subject, email, command.DisplayName, now);
        if (registered.IsFailure)
        {
            return registered.Error;
        }

        var user = registered.Value;
        user.RecordSignIn(email, command.DisplayName, now);
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
        ResolvePrincipalCommand command, Guid userId, string displayName, CancellationToken cancellationToken)
    {
        await securityEvents.RecordAsync("principal.deactivated", SecuritySeverity.Medium, command,
            new AuditActor(PrincipalKind.User, userId.ToString(), displayName), teamId: null,
            new { userId, issuer = command.Issuer, subject = command.Subject }, cancellationToken);
        return PrincipalErrors.Deactivated;
    }

    public async Task<Result<CallerPrincipal>> RefuseUnknownAsync(
        ResolvePrincipalCommand command, int machineCandidates, bool emailTaken, CancellationToken cancellationToken)
    {
        await securityEvents.RecordAsync("principal.unknown", SecuritySeverity.Medium, command, actor: null, teamId: null,
            new
            {
                issuer = command.Issuer,
                subject = command.Subject,
                // Machine identities with this issuer and subject whose claim conditions did not hold.
                machineIdentityCandidates = machineCandidates,
                emailHeldByAnotherIdentity = emailTaken,
            },
            cancellationToken);
        return PrincipalErrors.Unknown;
    }

    private bool MatchesBootstrap(ResolvePrincipalCommand command, IssuerTrust trust, string? verifiedEmail) =>
        options.Value.BootstrapAdmins.Any(rule => rule.Matches(command.Issuer, command.Subject, verifiedEmail, trust.TrustEmail));

    /// <summary>Users with the token's (issuer, subject); issuers compare ignoring one trailing slash (admins type them, issuers emit them).</summary>
    private IQueryable<User> WithIdentity(ResolvePrincipalCommand command)
    {
        var (issuer, issuerWithSlash) = IssuerIdentifier.Spellings(command.Issuer);
        return db.Users.AsNoTracking()
            .Where(u => (u.Issuer == issuer || u.Issuer == issuerWithSlash) && u.Subject == command.Subject);
    }

    private static bool IsBoundTo(User user, ResolvePrincipalCommand command) =>
        user.Issuer is not null && IssuerIdentifier.AreEqual(user.Issuer, command.Issuer)
        && string.Equals(user.Subject, command.Subject, StringComparison.Ordinal);

    private async Task<IReadOnlyList<TeamAccess>> TeamsOfAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.TeamMemberships.AsNoTracking()
            .Where(m => m.UserId == userId)
            .Join(db.Teams, m => m.TeamId, t => t.Id, (m, t) => new TeamAccess(
                t.Id,
                t.Name,
                m.Role == TeamRole.Maintainer ? TeamAccessLevel.Maintainer : TeamAccessLevel.Member))
            .ToListAsync(cancellationToken);
}
