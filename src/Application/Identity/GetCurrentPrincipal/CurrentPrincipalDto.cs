using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Application.Identity.GetCurrentPrincipal;

public sealed record CurrentPrincipalDto(
    PrincipalKind Kind,
    Guid Id,
    string DisplayName,
    string? Email,
    bool IsAdmin,
    IReadOnlyList<CurrentPrincipalTeamDto> Teams);

/// <param name="Role">member, maintainer, or machine (a machine identity acting for the team).</param>
public sealed record CurrentPrincipalTeamDto(Guid Id, string Name, TeamAccessLevel Role);
