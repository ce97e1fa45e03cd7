using Mediator;
using Microsoft.AspNetCore.Mvc;
using RunnerTokens.Api.Contracts.Teams;
using RunnerTokens.Application.Common.Paging;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Application.Teams.CreateTeam;
using RunnerTokens.Application.Teams.DeactivateTeam;
using RunnerTokens.Application.Teams.GetTeam;
using RunnerTokens.Application.Teams.ListTeams;
using RunnerTokens.Application.Teams.ReactivateTeam;
using RunnerTokens.Application.Teams.UpdateTeam;

namespace RunnerTokens.Api.Controllers;

/// <summary>Teams: the unit of authorization. <c>{team}</c> is the team's name.</summary>
[Route("api/v1/teams")]
public sealed class TeamsController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>Creates a team with policy version 1 (admins).</summary>
    [HttpPost]
    [ProducesResponseType<TeamDto>(StatusCodes.Status201Created)]
    [ProducesProblems(403, 409)]
    public async Task<ActionResult<TeamDto>> Create(CreateTeamRequest request, CancellationToken cancellationToken)
    {
        var result = await Sender.Send(
            new CreateTeamCommand(request.Name, request.Description, request.Organization, request.Policy?.ToSettings()),
            cancellationToken);
        return result.IsSuccess
            ? CreatedAtAction(nameof(Get), new { team = result.Value.Name }, result.Value)
            : Problem(result.Error);
    }

    /// <summary>Admins: every team; anyone else: the teams they belong to. Newest first.</summary>
    [HttpGet]
    [ProducesResponseType<Page<TeamDto>>(StatusCodes.Status200OK)]
    public async Task<ActionResult<Page<TeamDto>>> List([FromQuery] int? limit, [FromQuery] string? cursor, CancellationToken cancellationToken) =>
        OkOrProblem(await Sender.Send(new ListTeamsQuery(limit, cursor), cancellationToken));

    /// <summary>A team, for admins, its members and maintainers and its machine identities.</summary>
    [HttpGet("{team}")]
    [ProducesResponseType<TeamDto>(StatusCodes.Status200OK)]
    [ProducesProblems(404)]
    public async Task<ActionResult<TeamDto>> Get(string team, CancellationToken cancellationToken) =>
        OkOrProblem(await Sender.Send(new GetTeamQuery(team), cancellationToken));

    /// <summary>Changes the description (admins and the team's maintainers).</summary>
    [HttpPatch("{team}")]
    [ProducesResponseType<TeamDto>(StatusCodes.Status200OK)]
    [ProducesProblems(403, 404)]
    public async Task<ActionResult<TeamDto>> Update(string team, UpdateTeamRequest request, CancellationToken cancellationToken) =>
        OkOrProblem(await Sender.Send(new UpdateTeamCommand(team, request.Description), cancellationToken));

    /// <summary>Stops the team admitting new runners (admins); its runners can still be listed and deleted.</summary>
    [HttpPost("{team}/deactivate")]
    [ProducesResponseType<TeamDto>(StatusCodes.Status200OK)]
    [ProducesProblems(403, 404, 409)]
    public async Task<ActionResult<TeamDto>> Deactivate(string team, DeactivateTeamRequest request, CancellationToken cancellationToken) =>
        OkOrProblem(await Sender.Send(new DeactivateTeamCommand(team, request.Reason), cancellationToken));

    /// <summary>Lets a deactivated team admit runners again (admins).</summary>
    [HttpPost("{team}/reactivate")]
    [ProducesResponseType<TeamDto>(StatusCodes.Status200OK)]
    [ProducesProblems(403, 404, 409)]
    public async Task<ActionResult<TeamDto>> Reactivate(string team, CancellationToken cancellationToken) =>
        OkOrProblem(await Sender.Send(new ReactivateTeamCommand(team), cancellationToken));
}
