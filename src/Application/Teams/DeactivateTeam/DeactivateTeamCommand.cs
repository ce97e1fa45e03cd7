using Mediator;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Teams.DeactivateTeam;

/// <summary>Stops a team admitting new runners, with a required reason. Admins only.</summary>
public sealed record DeactivateTeamCommand(string Team, string? Reason) : ICommand<Result<TeamDto>>, IRequiresPrincipal;
