using Mediator;
using Microsoft.AspNetCore.Mvc;
using RunnerTokens.Application.Audit.ListSecurityEvents;
using RunnerTokens.Application.Common.Paging;

namespace RunnerTokens.Api.Controllers;

/// <summary>Security-relevant events: refused tokens, replays, policy violations (administrators).</summary>
[Route("api/v1/security-events")]
public sealed class SecurityEventsController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>Lists security events, newest first.</summary>
    /// <param name="type">Exact type, e.g. <c>principal.unknown</c>.</param>
    /// <param name="actorId">Exact actor id.</param>
    /// <param name="team">Team name.</param>
    /// <param name="severity"><c>low</c>, <c>medium</c>, <c>high</c> or <c>critical</c>.</param>
    /// <param name="from">Only events at or after this time (ISO 8601).</param>
    /// <param name="to">Only events before this time (ISO 8601).</param>
    /// <param name="cursor">The <c>nextCursor</c> of the previous page.</param>
    /// <param name="limit">Page size, 1 to 200 (default 50).</param>
    /// <param name="cancellationToken">Aborted request.</param>
    [EndpointName("listSecurityEvents")]
    [HttpGet]
    [ProducesResponseType<Page<SecurityEventDto>>(StatusCodes.Status200OK)]
    [ProducesProblems(403, 404)]
    public async Task<ActionResult<Page<SecurityEventDto>>> List(
        [FromQuery] string? type,
        [FromQuery] string? actorId,
        [FromQuery] string? team,
        [FromQuery] string? severity,
        [FromQuery] DateTimeOffset? from,
        [FromQuery] DateTimeOffset? to,
        [FromQuery] string? cursor,
        [FromQuery] int? limit,
        CancellationToken cancellationToken) =>
        OkOrProblem(await Sender.Send(
            new ListSecurityEventsQuery(type, actorId, team, severity, from, to, cursor, limit),
            cancellationToken));
}
