using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Application.Identity.GetCurrentPrincipal;

public sealed record CurrentPrincipalDto(
    PrincipalKind Kind,
    Guid Id,
    string DisplayName,
    string? Email,
    bool IsAdmin,
    IReadOnlyList<CurrentPrincipalTeamDto> Teams);
