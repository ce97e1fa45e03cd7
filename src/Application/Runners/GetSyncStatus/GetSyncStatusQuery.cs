using Mediator;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Runners.Common;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Runners.GetSyncStatus;

/// <summary>The last sync run of each organization (admin only).</summary>
public sealed record GetSyncStatusQuery : IQuery<Result<IReadOnlyList<SyncRunDto>>>, IAdminOnly;
