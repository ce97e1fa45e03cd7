using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Application.Identity.GetCurrentPrincipal;

/// <summary>Who the caller is to the service: a user or a machine identity, and the teams it may act for.</summary>
/// <param name="Kind"><c>user</c> or <c>machine</c>.</param>
/// <param name="Email">The user's email, when known; null for machine identities.</param>
/// <param name="IsAdmin">True for service administrators (users only).</param>
public sealed record CurrentPrincipalDto(
    PrincipalKind Kind,
    Guid Id,
    string DisplayName,
    string? Email,
    bool IsAdmin,
    IReadOnlyList<CurrentPrincipalTeamDto> Teams);
