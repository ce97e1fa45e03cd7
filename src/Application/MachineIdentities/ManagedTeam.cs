using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Identity;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.MachineIdentities;

/// <summary>
/// The team named in the route, if the caller may manage its machine identities (admins and the team's
/// maintainers). Callers who cannot see the team get 404 <c>team.not_found</c>, so its existence does not leak;
/// members and the team's own machine identities get 403.
/// </summary>
internal static class ManagedTeam
{
    public static async Task<Result<Team>> FindAsync(IAppDbContext db, CallerPrincipal? principal, string teamName, CancellationToken cancellationToken)
    {
        if (principal is null)
        {
            return AccessErrors.Unauthenticated;
        }

        var team = await db.FindVisibleTeamAsync(principal, teamName, cancellationToken);
        if (team.IsFailure)
        {
            return team.Error;
        }

        return principal.CanManageTeam(team.Value.Id) ? team.Value : AccessErrors.MaintainerRequired;
    }

    /// <summary>Wire conditions (claim name to value or pattern) as domain conditions, or the first invalid one.</summary>
    public static Result<IReadOnlyCollection<ClaimCondition>> ParseConditions(IReadOnlyDictionary<string, string>? conditions)
    {
        var parsed = new List<ClaimCondition>();
        foreach (var (claim, pattern) in conditions ?? new Dictionary<string, string>())
        {
            var condition = ClaimCondition.Create(claim, pattern);
            if (condition.IsFailure)
            {
                return condition.Error;
            }

            parsed.Add(condition.Value);
        }

        return parsed;
    }
}
