using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Audit;

public static class AuditErrors
{
    public static readonly Error TeamRequired = Error.Forbidden(
        "audit.team_required",
        "Only administrators may list every audit event; pass the name of one of your teams in 'team'.");

    /// <summary>Also the answer for a team the caller cannot see, so existence does not leak.</summary>
    public static readonly Error TeamNotFound = Error.NotFound("team.not_found", "No such team.");
}
