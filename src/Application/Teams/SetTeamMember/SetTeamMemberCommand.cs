using Mediator;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Teams.SetTeamMember;

/// <summary>Adds a user to a team with a role, or changes their role. Admins and the team's maintainers.</summary>
public sealed record SetTeamMemberCommand(string Team, Guid UserId, TeamRole Role) : ICommand<Result<TeamMemberDto>>, IRequiresPrincipal;
