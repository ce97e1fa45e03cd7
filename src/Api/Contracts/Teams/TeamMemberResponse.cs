using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Api.Contracts.Teams;

public sealed record TeamMemberResponse(Guid UserId, string DisplayName, string? Email, bool UserIsActive, TeamRole Role, DateTimeOffset AddedAt)
{
    public static TeamMemberResponse From(TeamMemberDto member) =>
        new(member.UserId, member.DisplayName, member.Email, member.UserIsActive, member.Role, member.AddedAt);
}
