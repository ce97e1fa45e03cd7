using Mediator;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Teams.GetTeam;

/// <summary>A team, for anyone who may see it.</summary>
public sealed record GetTeamQuery(string Team) : IQuery<Result<TeamDto>>, IRequiresPrincipal;
