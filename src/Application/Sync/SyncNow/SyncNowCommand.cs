using Mediator;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Sync.Common;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Sync.SyncNow;

/// <summary>An admin asks to sync every organization now; organizations another replica is syncing are reported as skipped.</summary>
public sealed record SyncNowCommand : ICommand<Result<IReadOnlyList<SyncRunDto>>>, IAdminOnly;
