using Mediator;
using RunnerTokens.Application.Common.Paging;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Teams.ListTeamMembers;

/// <summary>A team's members, most recently added first: for admins and the team's users (not its machine identities).</summary>
public sealed record ListTeamMembersQuery(string Team, int? Limit = null, string? Cursor = null) : IQuery<Result<Page<TeamMemberDto>>>, IRequiresPrincipal;
