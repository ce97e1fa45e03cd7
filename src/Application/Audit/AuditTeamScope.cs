using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Audit;

/// <summary>Resolves the <c>team</c> filter of the audit listings and decides who may use it.</summary>
internal static class AuditTeamScope
{
    /// <summary>
    /// Admins: any existing team, or none (everything). Others: a team they belong to as member or
    /// maintainer; a team they cannot see is not found, and a machine identity may not read the audit trail.
    /// </summary>
    public static async Task<Result<Guid?>> ResolveAsync(
        IAppDbContext db, CallerPrincipal principal, string? teamName, CancellationToken cancellationToken)
    {
        var name = string.IsNullOrWhiteSpace(teamName) ? null : teamName.Trim().ToLowerInvariant();
        if (principal.IsAdmin)
        {
            if (name is null)
            {
                return Result.Success<Guid?>(null);
            }

            var teamId = await db.Teams.AsNoTracking()
                .Where(t => t.Name == name)
                .Select(t => (Guid?)t.Id)
                .FirstOrDefaultAsync(cancellationToken);
            return teamId is null ? AuditErrors.TeamNotFound : Result.Success(teamId);
        }

        if (name is null)
        {
            return AuditErrors.TeamRequired;
        }

        var access = principal.Teams.FirstOrDefault(t => string.Equals(t.TeamName, name, StringComparison.OrdinalIgnoreCase));
        if (access is null)
        {
            return AuditErrors.TeamNotFound;
        }

        return access.Level == TeamAccessLevel.Machine
            ? AccessErrors.TeamRoleRequired
            : Result.Success<Guid?>(access.TeamId);
    }

    /// <summary>
    /// Whether the caller sees the actors' network details (client IP, user agent) of the events listed with the
    /// <c>team</c> filter <paramref name="teamName"/>: admins, and the team's maintainers; plain members do not.
    /// </summary>
    public static bool SeesActorNetwork(CallerPrincipal principal, string? teamName) =>
        principal.IsAdmin
        || (!string.IsNullOrWhiteSpace(teamName)
            && principal.Teams.Any(t => t.Level == TeamAccessLevel.Maintainer
                && string.Equals(t.TeamName, teamName.Trim(), StringComparison.OrdinalIgnoreCase)));

    /// <summary>Names of the teams in a page, in one query.</summary>
    public static async Task<Dictionary<Guid, string>> TeamNamesAsync(
        IAppDbContext db, IEnumerable<Guid?> teamIds, CancellationToken cancellationToken)
    {
        var ids = teamIds.OfType<Guid>().Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        return await db.Teams.AsNoTracking()
            .Where(t => ids.Contains(t.Id))
            .ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
    }
}
