// A deliberate violation of the admin-only rule: never imitate.
using Mediator;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Architecture.Tests.Violations.Authorization;

/// <summary>Marked admin-only although it is not one of the admin-only use cases.</summary>
public sealed record GetTeamBadgeQuery(string Team) : IQuery<Result<string>>, IAdminOnly;

public sealed class GetTeamBadgeQueryHandler : IQueryHandler<GetTeamBadgeQuery, Result<string>>
{
    public ValueTask<Result<string>> Handle(GetTeamBadgeQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Result.Success(query.Team));
}
