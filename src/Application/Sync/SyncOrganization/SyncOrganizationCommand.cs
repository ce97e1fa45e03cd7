using Mediator;
using RunnerTokens.Application.Sync.Common;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Sync.SyncOrganization;

/// <summary>
/// Syncs one organization now. Sent through the mediator by the background <c>SyncWorker</c> (a system caller,
/// no principal) and by <c>SyncNowCommand</c>'s handler, each after taking the organization's lease; not exposed
/// over HTTP (the admin endpoint sends <c>SyncNowCommand</c>).
/// </summary>
public sealed record SyncOrganizationCommand(string Organization) : ICommand<Result<SyncRunDto>>;
