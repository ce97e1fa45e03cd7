using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Teams.Common;

/// <summary>A user's membership of a team, with enough of the user to recognise them.</summary>
public sealed record TeamMemberDto(
    Guid UserId,
    string DisplayName,
    string? Email,
    bool UserIsActive,
    TeamRole Role,
    DateTimeOffset AddedAt);
