namespace RunnerTokens.Application.Common.Security;

public static class CallerPrincipalExtensions
{
    /// <summary>Admins, or users who maintain the team. Machine identities never manage a team.</summary>
    public static bool CanManageTeam(this CallerPrincipal principal, Guid teamId) =>
        principal.IsAdmin || principal.AccessTo(teamId)?.Level == TeamAccessLevel.Maintainer;

    /// <summary>Admins, members, maintainers and the team's machine identities: who may provision and manage runners.</summary>
    public static bool CanOperateRunners(this CallerPrincipal principal, Guid teamId) =>
        principal.IsAdmin || principal.AccessTo(teamId) is not null;
}
