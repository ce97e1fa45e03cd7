using Mediator;
using Microsoft.AspNetCore.Mvc;
using RunnerTokens.Api.Contracts.Sync;
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
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<IReadOnlyList<SyncRunResponse>>(StatusCodes.Status200OK)]
    public async Task<ActionResult<IReadOnlyList<SyncRunResponse>>> SyncNow(CancellationToken cancellationToken)
    {
        var result = await Sender.Send(new SyncNowCommand(), cancellationToken);
        return result.IsSuccess ? Ok(result.Value.Select(ToResponse).ToList()) : Problem(result.Error);
    }

    /// <summary>Per organization, the last sync run: time, duration, changes, errors, remaining rate limit, yielded.</summary>
    [HttpGet]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<IReadOnlyList<SyncRunResponse>>(StatusCodes.Status200OK)]
    public async Task<ActionResult<IReadOnlyList<SyncRunResponse>>> Status(CancellationToken cancellationToken)
    {
        var result = await Sender.Send(new GetSyncStatusQuery(), cancellationToken);
        return result.IsSuccess ? Ok(result.Value.Select(ToResponse).ToList()) : Problem(result.Error);
    }

    private static SyncRunResponse ToResponse(SyncRunDto run) => new(
        run.Organization, run.StartedAt, run.DurationMilliseconds, run.RunnersAtGitHub, run.Changes, run.Errors,
        run.LastError, run.RateLimitRemaining, run.Yielded, run.Skipped);
}
