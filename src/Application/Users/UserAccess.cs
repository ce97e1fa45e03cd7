using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Users;

/// <summary>The users admin API is for administrators only.</summary>
internal static class UserAccess
{
    public static Error? RequireAdmin(CallerPrincipal? principal) =>
        principal is null ? AccessErrors.Unauthenticated
        : !principal.IsAdmin ? AccessErrors.AdminRequired
        : null;
}
