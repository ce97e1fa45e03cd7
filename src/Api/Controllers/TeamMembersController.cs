using Mediator;
using Microsoft.AspNetCore.Mvc;
using RunnerTokens.Api.Contracts.Teams;
using RunnerTokens.Application.Teams.ListTeamMembers;
using RunnerTokens.Application.Teams.RemoveTeamMember;
using RunnerTokens.Application.Teams.SetTeamMember;

namespace RunnerTokens.Api.Controllers;

/// <summary>A team's users and their roles. Admins and the team's maintainers change them.</summary>
[Route("api/v1/teams/{team}/members")]
public sealed class TeamMembersController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>The team's members (admins and the team's users; not its machine identities).</summary>
    [HttpGet]
    [ProducesResponseType<PageResponse<TeamMemberResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult<PageResponse<TeamMemberResponse>>> List(
        string team, [FromQuery] int? limit, [FromQuery] string? cursor, CancellationToken cancellationToken)
    {
        var result = await Sender.Send(new ListTeamMembersQuery(team, limit, cursor), cancellationToken);
        return result.IsSuccess ? Ok(PageResponse<TeamMemberResponse>.From(result.Value, TeamMemberResponse.From)) : Problem(result.Error);
    }

    /// <summary>Adds the user to the team with this role, or changes their role.</summary>
    [HttpPut("{userId:guid}")]
    [ProducesResponseType<TeamMemberResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<ActionResult<TeamMemberResponse>> Set(string team, Guid userId, SetTeamMemberRequest request, CancellationToken cancellationToken)
    {
        var result = await Sender.Send(new SetTeamMemberCommand(team, userId, request.Role!.Value), cancellationToken);
        return result.IsSuccess ? Ok(TeamMemberResponse.From(result.Value)) : Problem(result.Error);
    }

    /// <summary>Removes the user from the team.</summary>
    [HttpDelete("{userId:guid}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Remove(string team, Guid userId, CancellationToken cancellationToken)
    {
        var result = await Sender.Send(new RemoveTeamMemberCommand(team, userId), cancellationToken);
        return result.IsSuccess ? NoContent() : Problem(result.Error);
    }
}
