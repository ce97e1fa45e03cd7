using Mediator;
using Microsoft.AspNetCore.Mvc;
using RunnerTokens.Api.Contracts.Teams;
using RunnerTokens.Application.Common.Paging;
using RunnerTokens.Application.Teams.Common;
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
    [ProducesResponseType<Page<TeamMemberDto>>(StatusCodes.Status200OK)]
    [ProducesProblems(403, 404)]
    public async Task<ActionResult<Page<TeamMemberDto>>> List(
        string team, [FromQuery] int? limit, [FromQuery] string? cursor, CancellationToken cancellationToken) =>
        OkOrProblem(await Sender.Send(new ListTeamMembersQuery(team, limit, cursor), cancellationToken));

    /// <summary>Adds the user to the team with this role, or changes their role.</summary>
    [HttpPut("{userId:guid}")]
    [ProducesResponseType<TeamMemberDto>(StatusCodes.Status200OK)]
    [ProducesProblems(403, 404, 409)]
    public async Task<ActionResult<TeamMemberDto>> Set(string team, Guid userId, SetTeamMemberRequest request, CancellationToken cancellationToken) =>
        OkOrProblem(await Sender.Send(new SetTeamMemberCommand(team, userId, request.Role!.Value), cancellationToken));

    /// <summary>Removes the user from the team.</summary>
    [HttpDelete("{userId:guid}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesProblems(403, 404)]
    public async Task<IActionResult> Remove(string team, Guid userId, CancellationToken cancellationToken)
    {
        var result = await Sender.Send(new RemoveTeamMemberCommand(team, userId), cancellationToken);
        return result.IsSuccess ? NoContent() : Problem(result.Error);
    }
}
