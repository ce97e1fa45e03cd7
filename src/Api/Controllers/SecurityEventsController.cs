using Mediator;
using Microsoft.AspNetCore.Mvc;
using RunnerTokens.Api.Contracts.Audit;
using RunnerTokens.Application.Audit.ListSecurityEvents;
using RunnerTokens.Application.Common.Paging;

namespace RunnerTokens.Api.Controllers;

/// <summary>Security-relevant events: refused tokens, replays, policy violations (administrators).</summary>
[Route("api/v1/security-events")]
public sealed class SecurityEventsController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>Lists security events, newest first.</summary>
    /// <param name="type">Exact type, e.g. <c>principal.unknown</c>.</param>
    /// <param name="severity"><c>low</c>, <c>medium</c>, <c>high</c> or <c>critical</c>.</param>
    /// <param name="listing">Actor, team, time range and paging.</param>
    /// <param name="cancellationToken">Aborted request.</param>
    [HttpGet]
    [ProducesResponseType<Page<SecurityEventDto>>(StatusCodes.Status200OK)]
    [ProducesProblems(403, 404)]
    public async Task<ActionResult<Page<SecurityEventDto>>> List(
        [FromQuery] string? type,
        [FromQuery] string? severity,
        [FromQuery] EventListingParameters listing,
        CancellationToken cancellationToken) =>
        OkOrProblem(await Sender.Send(
            new ListSecurityEventsQuery(type, listing.ActorId, listing.Team, severity, listing.From, listing.To, listing.Cursor, listing.Limit),
            cancellationToken));
}
