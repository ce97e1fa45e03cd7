using RunnerTokens.Application.Common.Security;

namespace RunnerTokens.Application.Identity.GetCurrentPrincipal;

/// <summary>A team the caller may act for, and in which role.</summary>
/// <param name="Role">member, maintainer, or machine (a machine identity acting for the team).</param>
public sealed record CurrentPrincipalTeamDto(Guid Id, string Name, TeamAccessLevel Role);
