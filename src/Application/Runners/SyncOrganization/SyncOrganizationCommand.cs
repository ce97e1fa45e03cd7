using Mediator;
using RunnerTokens.Application.Runners.Common;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Runners.SyncOrganization;

/// <summary>
/// Syncs one organization now. Sent by the background sync worker (a system caller, no principal) after it
/// took the organization's lease; not exposed over HTTP (the admin endpoint sends <c>SyncNowCommand</c>).
/// </summary>
public sealed record SyncOrganizationCommand(string Organization) : ICommand<Result<SyncRunDto>>;
