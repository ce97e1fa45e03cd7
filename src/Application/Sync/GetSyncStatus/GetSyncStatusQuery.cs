using Mediator;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Sync.Common;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Sync.GetSyncStatus;

/// <summary>The last sync run of each organization (admin only).</summary>
public sealed record GetSyncStatusQuery : IQuery<Result<IReadOnlyList<SyncRunDto>>>, IAdminOnly;
