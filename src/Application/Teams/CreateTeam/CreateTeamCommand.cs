using Mediator;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Teams.CreateTeam;

/// <summary>Creates a team with policy version 1: the given policy, or the defaults. Admins only.</summary>
public sealed record CreateTeamCommand(string Name, string? Description, string Organization, LabelPolicySettings? Policy)
    : ICommand<Result<TeamDto>>, IAdminOnly;
