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

    public static readonly Error TeamRoleRequired = Error.Forbidden(
        "auth.team_role_required",
        "This takes a member or maintainer of the team (a machine identity only provisions runners). "
        + "A maintainer or an administrator can add a user: PUT /api/v1/teams/{team}/members/{userId} with {\"role\":\"member\"}.");

    /// <summary>An administrator sees every team but provisions only into teams they belong to; says how to join.</summary>
    public static Error NotAMemberOf(string team) => TeamRoleRequired with
    {
        Message = $"Administrators see every team but provision runners only in teams they belong to. Add yourself to the team "
            + $"as a member or maintainer: PUT /api/v1/teams/{team}/members/{{yourUserId}} with {{\"role\":\"maintainer\"}} "
            + "(your user id is the id of GET /api/v1/me).",
    };
}
