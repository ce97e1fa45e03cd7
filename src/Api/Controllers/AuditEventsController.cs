using Mediator;
using Microsoft.AspNetCore.Mvc;
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
    /// <param name="actorId">Exact actor id.</param>
    /// <param name="team">Team name.</param>
    /// <param name="targetType">Exact target type, e.g. <c>user</c>.</param>
    /// <param name="targetId">Exact target id.</param>
    /// <param name="outcome"><c>succeeded</c>, <c>denied</c> or <c>failed</c>.</param>
    /// <param name="from">Only events at or after this time (ISO 8601).</param>
    /// <param name="to">Only events before this time (ISO 8601).</param>
    /// <param name="cursor">The <c>nextCursor</c> of the previous page.</param>
    /// <param name="limit">Page size, 1 to 200 (default 50).</param>
    /// <param name="cancellationToken">Aborted request.</param>
    [EndpointName("listAuditEvents")]
    [HttpGet]
    [ProducesResponseType<Page<AuditEventDto>>(StatusCodes.Status200OK)]
    [ProducesProblems(403, 404)]
    public async Task<ActionResult<Page<AuditEventDto>>> List(
        [FromQuery] string? action,
        [FromQuery] string? actorId,
        [FromQuery] string? team,
        [FromQuery] string? targetType,
        [FromQuery] string? targetId,
        [FromQuery] string? outcome,
        [FromQuery] DateTimeOffset? from,
        [FromQuery] DateTimeOffset? to,
        [FromQuery] string? cursor,
        [FromQuery] int? limit,
        CancellationToken cancellationToken) =>
        OkOrProblem(await Sender.Send(
            new ListAuditEventsQuery(action, actorId, team, targetType, targetId, outcome, from, to, cursor, limit),
            cancellationToken));

    /// <summary>Seals pending events, then verifies the whole hash chain (administrators).</summary>
    /// <remarks>
    /// Recomputes every event's hash in sequence order and names the first broken link: <c>sequence_gap</c>
    /// (an event was deleted), <c>link_broken</c> or <c>content_changed</c> (an event or its hash was edited).
    /// </remarks>
    /// <param name="cancellationToken">Aborted request.</param>
    [EndpointName("verifyAuditTrail")]
    [HttpGet("verify")]
    [ProducesResponseType<AuditTrailVerification>(StatusCodes.Status200OK)]
    [ProducesProblems(403)]
    public async Task<ActionResult<AuditTrailVerification>> Verify(CancellationToken cancellationToken) =>
        OkOrProblem(await Sender.Send(new VerifyAuditTrailQuery(), cancellationToken));
}
