using Mediator;
using RunnerTokens.Application.Common.Paging;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Teams.ListLabelPolicyVersions;

/// <summary>Every version of a team's label policy, newest first, for anyone who may see the team.</summary>
public sealed record ListLabelPolicyVersionsQuery(string Team, int? Limit = null, string? Cursor = null)
    : IQuery<Result<Page<LabelPolicyDto>>>, IRequiresPrincipal;
