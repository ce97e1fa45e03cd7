using Mediator;
using Microsoft.AspNetCore.Mvc;
using RunnerTokens.Application.Sync.Common;
using RunnerTokens.Application.Sync.GetSyncStatus;
using RunnerTokens.Application.Sync.SyncNow;

namespace RunnerTokens.Api.Controllers;

/// <summary>The runner sync with GitHub (admins only).</summary>
[Route("api/v1/admin/sync")]
public sealed class AdminSyncController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>Syncs every organization now and returns each run (organizations another replica is syncing are skipped).</summary>
    [HttpPost]
    [ProducesProblems(403)]
    [ProducesResponseType<IReadOnlyList<SyncRunDto>>(StatusCodes.Status200OK)]
    public async Task<ActionResult<IReadOnlyList<SyncRunDto>>> SyncNow(CancellationToken cancellationToken) =>
        OkOrProblem(await Sender.Send(new SyncNowCommand(), cancellationToken));

    /// <summary>Per organization, the last sync run: time, duration, changes, errors, remaining rate limit, yielded.</summary>
    [HttpGet]
    [ProducesProblems(403)]
    [ProducesResponseType<IReadOnlyList<SyncRunDto>>(StatusCodes.Status200OK)]
    public async Task<ActionResult<IReadOnlyList<SyncRunDto>>> Status(CancellationToken cancellationToken) =>
        OkOrProblem(await Sender.Send(new GetSyncStatusQuery(), cancellationToken));

}
