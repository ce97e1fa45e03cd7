using Mediator;
using Microsoft.AspNetCore.Mvc;
using RunnerTokens.Api.Contracts.Audit;
using RunnerTokens.Application.Audit.ListAuditCheckpoints;
using RunnerTokens.Application.Audit.ListAuditEvents;
using RunnerTokens.Application.Audit.VerifyAuditTrail;
using RunnerTokens.Application.Common.Paging;

namespace RunnerTokens.Api.Controllers;

/// <summary>The tamper-evident audit trail of every state change.</summary>
[Route("api/v1/audit-events")]
public sealed class AuditEventsController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>Lists audit events, newest first.</summary>
    /// <remarks>
    /// Administrators see every event. Anyone else must pass <c>team</c>, the name of a team they belong to
    /// (member or maintainer), and sees that team's events; another team answers 404.
    /// </remarks>
    /// <param name="action">Exact action, e.g. <c>user.created</c>.</param>
    /// <param name="targetType">Exact target type, e.g. <c>user</c>.</param>
    /// <param name="targetId">Exact target id.</param>
    /// <param name="outcome"><c>succeeded</c>, <c>denied</c> or <c>failed</c>.</param>
    /// <param name="listing">Actor, team, time range and paging.</param>
    /// <param name="cancellationToken">Aborted request.</param>
    [HttpGet]
    [ProducesResponseType<Page<AuditEventDto>>(StatusCodes.Status200OK)]
    [ProducesProblems(403, 404)]
    public async Task<ActionResult<Page<AuditEventDto>>> List(
        [FromQuery] string? action,
        [FromQuery] string? targetType,
        [FromQuery] string? targetId,
        [FromQuery] string? outcome,
        [FromQuery] EventListingParameters listing,
        CancellationToken cancellationToken) =>
        OkOrProblem(await Sender.Send(
            new ListAuditEventsQuery(
                action, listing.ActorId, listing.Team, targetType, targetId, outcome, listing.From, listing.To, listing.Cursor, listing.Limit),
            cancellationToken));

    /// <summary>Verifies the whole sealed, keyed hash chain (administrators); read-only.</summary>
    /// <remarks>
    /// Recomputes every event's HMAC in sequence order with the key its id names, and names the first broken
    /// link: <c>sequence_gap</c> (an event was deleted), <c>link_broken</c> or <c>content_changed</c> (an event
    /// or its hash was edited, or re-chained without the key), <c>unknown_key</c>, <c>unkeyed_link</c>,
    /// <c>anchor_mismatch</c> or <c>truncated</c> (the chain does not match or reach an anchor), and
    /// <c>forged_event</c> (rows inserted behind the service's back, refused by the sealer). Events the sealer
    /// has not reached yet are not sealed by this call: they are counted in <c>unsealed</c>.
    /// </remarks>
    /// <param name="anchorSequence">With <c>anchorHash</c>: a chain position recorded earlier (a checkpoint).</param>
    /// <param name="anchorHash">The hash recorded for <c>anchorSequence</c>.</param>
    /// <param name="cancellationToken">Aborted request.</param>
    [HttpGet("verify")]
    [ProducesResponseType<AuditTrailVerification>(StatusCodes.Status200OK)]
    [ProducesProblems(403)]
    public async Task<ActionResult<AuditTrailVerification>> Verify(
        [FromQuery] long? anchorSequence,
        [FromQuery] string? anchorHash,
        CancellationToken cancellationToken) =>
        OkOrProblem(await Sender.Send(new VerifyAuditTrailQuery(anchorSequence, anchorHash), cancellationToken));

    /// <summary>Lists the newest signed checkpoints of the chain (administrators).</summary>
    /// <remarks>
    /// The sealer writes one after each run that sealed events (and logs it). Keep copies elsewhere and pass
    /// one to <c>verify</c> as <c>anchorSequence</c>/<c>anchorHash</c> to detect a rewrite before it.
    /// </remarks>
    /// <param name="limit">How many, 1 to 200 (default 50).</param>
    /// <param name="cancellationToken">Aborted request.</param>
    [HttpGet("checkpoints")]
    [ProducesResponseType<IReadOnlyList<AuditCheckpointDto>>(StatusCodes.Status200OK)]
    [ProducesProblems(403)]
    public async Task<ActionResult<IReadOnlyList<AuditCheckpointDto>>> Checkpoints(
        [FromQuery] int? limit,
        CancellationToken cancellationToken) =>
        OkOrProblem(await Sender.Send(new ListAuditCheckpointsQuery(limit), cancellationToken));
}
