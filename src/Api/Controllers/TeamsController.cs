using Mediator;
using Microsoft.AspNetCore.Mvc;
using RunnerTokens.Api.Contracts.Teams;
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
    [ProducesResponseType<TeamResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<ActionResult<TeamResponse>> Create(CreateTeamRequest request, CancellationToken cancellationToken)
    {
        var result = await Sender.Send(
            new CreateTeamCommand(request.Name, request.Description, request.Organization, request.Policy?.ToSettings()),
            cancellationToken);
        return result.IsSuccess
            ? CreatedAtAction(nameof(Get), new { team = result.Value.Name }, TeamResponse.From(result.Value))
            : Problem(result.Error);
    }

    /// <summary>Admins: every team; anyone else: the teams they belong to. Newest first.</summary>
    [HttpGet]
    [ProducesResponseType<PageResponse<TeamResponse>>(StatusCodes.Status200OK)]
    public async Task<ActionResult<PageResponse<TeamResponse>>> List([FromQuery] int? limit, [FromQuery] string? cursor, CancellationToken cancellationToken)
    {
        var result = await Sender.Send(new ListTeamsQuery(limit, cursor), cancellationToken);
        return result.IsSuccess ? Ok(PageResponse<TeamResponse>.From(result.Value, TeamResponse.From)) : Problem(result.Error);
    }

    /// <summary>A team, for admins, its members and maintainers and its machine identities.</summary>
    [HttpGet("{team}")]
    [ProducesResponseType<TeamResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult<TeamResponse>> Get(string team, CancellationToken cancellationToken)
    {
        var result = await Sender.Send(new GetTeamQuery(team), cancellationToken);
        return result.IsSuccess ? Ok(TeamResponse.From(result.Value)) : Problem(result.Error);
    }

    /// <summary>Changes the description (admins and the team's maintainers).</summary>
    [HttpPatch("{team}")]
    [ProducesResponseType<TeamResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult<TeamResponse>> Update(string team, UpdateTeamRequest request, CancellationToken cancellationToken)
    {
        var result = await Sender.Send(new UpdateTeamCommand(team, request.Description), cancellationToken);
        return result.IsSuccess ? Ok(TeamResponse.From(result.Value)) : Problem(result.Error);
    }

    /// <summary>Stops the team admitting new runners (admins); its runners can still be listed and deleted.</summary>
    [HttpPost("{team}/deactivate")]
    [ProducesResponseType<TeamResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<ActionResult<TeamResponse>> Deactivate(string team, DeactivateTeamRequest request, CancellationToken cancellationToken)
    {
        var result = await Sender.Send(new DeactivateTeamCommand(team, request.Reason), cancellationToken);
        return result.IsSuccess ? Ok(TeamResponse.From(result.Value)) : Problem(result.Error);
    }

    /// <summary>Lets a deactivated team admit runners again (admins).</summary>
    [HttpPost("{team}/reactivate")]
    [ProducesResponseType<TeamResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<ActionResult<TeamResponse>> Reactivate(string team, CancellationToken cancellationToken)
    {
        var result = await Sender.Send(new ReactivateTeamCommand(team), cancellationToken);
        return result.IsSuccess ? Ok(TeamResponse.From(result.Value)) : Problem(result.Error);
    }
}
