using Mediator;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Teams.UpdateTeam;

/// <summary>Changes a team's description. Admins and the team's maintainers.</summary>
public sealed record UpdateTeamCommand(string Team, string? Description) : ICommand<Result<TeamDto>>, IRequiresPrincipal;
