using Mediator;
using RunnerTokens.Application.Common.Paging;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Teams.ListTeams;

/// <summary>Admins see every team; anyone else the teams they belong to (a machine identity: its own). Newest first.</summary>
public sealed record ListTeamsQuery(int? Limit = null, string? Cursor = null) : IQuery<Result<Page<TeamDto>>>, IRequiresPrincipal;
