using Mediator;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Teams.RemoveTeamMember;

/// <summary>Removes a user from a team. Admins and the team's maintainers.</summary>
public sealed record RemoveTeamMemberCommand(string Team, Guid UserId) : ICommand<Result>, IRequiresPrincipal;
