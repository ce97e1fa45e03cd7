using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Common.Security;

/// <summary>Authorization refusals shared by every use case.</summary>
public static class AccessErrors
{
    public static readonly Error Unauthenticated =
        Error.Unauthenticated("auth.unauthenticated", "A valid bearer token is required.");

    public static readonly Error AdminRequired =
        Error.Forbidden("auth.admin_required", "Only administrators may do this.");

    public static readonly Error MaintainerRequired =
        Error.Forbidden("auth.maintainer_required", "Only administrators and the team's maintainers may do this.");

    public static readonly Error TeamRoleRequired =
        Error.Forbidden("auth.team_role_required", "Your role in this team does not allow this.");
}
