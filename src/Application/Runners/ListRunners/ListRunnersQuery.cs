using Mediator;
using RunnerTokens.Application.Common.Paging;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Runners.Common;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Runners;

namespace RunnerTokens.Application.Runners.ListRunners;

/// <param name="Status">Only this status; without it, every live (not deleted) runner.</param>
/// <param name="Name">Runners whose name starts with this.</param>
public sealed record ListRunnersQuery(
    string? Team = null,
    RunnerStatus? Status = null,
    string? Name = null,
    RunnerKind? Kind = null,
    string? Cursor = null,
    int? Limit = null) : IQuery<Result<Page<RunnerDto>>>, IRequiresPrincipal;
