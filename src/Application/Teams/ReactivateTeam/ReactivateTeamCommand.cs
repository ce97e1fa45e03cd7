using Mediator;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Teams.ReactivateTeam;

/// <summary>Lets a deactivated team admit runners again. Admins only.</summary>
public sealed record ReactivateTeamCommand(string Team) : ICommand<Result<TeamDto>>, IRequiresPrincipal;
