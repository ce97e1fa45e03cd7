using Mediator;
using Microsoft.AspNetCore.Mvc;
using RunnerTokens.Api.Contracts.Runners;
using RunnerTokens.Application.Common.Paging;
using RunnerTokens.Application.Runners.Common;
using RunnerTokens.Application.Runners.DeleteRunner;
using RunnerTokens.Application.Runners.DeleteTeamRunners;
using RunnerTokens.Application.Runners.GetRunner;
using RunnerTokens.Application.Runners.IssueRegistrationToken;
using RunnerTokens.Application.Runners.ListRunners;
using RunnerTokens.Application.Runners.ProvisionJitRunner;
using RunnerTokens.Domain.Runners;

namespace RunnerTokens.Api.Controllers;

[Route("api/v1")]
public sealed class RunnersController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>Provisions a JIT runner: GitHub binds its labels, group and ephemeral mode.</summary>
    [EndpointName("provisionJitRunner")]
    [HttpPost("runners/jit")]
    [ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)] // the body is a secret: Cache-Control: no-store, Pragma: no-cache
    [ProducesProblems(403, 404, 409, 502, 503)]
    [Consumes("application/json")]
    [ProducesResponseType<JitRunnerResponse>(StatusCodes.Status201Created)]
    public async Task<ActionResult<JitRunnerResponse>> ProvisionJit(ProvisionJitRunnerRequest request, CancellationToken cancellationToken)
    {
        var result = await Sender.Send(
            new ProvisionJitRunnerCommand(request.Team, request.Name, request.NamePrefix, request.Labels, request.RunnerGroupId, request.WorkFolder),
            cancellationToken);
        if (result.IsFailure)
        {
            return Problem(result.Error);
        }

        var runner = result.Value.Runner;
        var config = result.Value.EncodedJitConfig;
        return CreatedAtAction(nameof(Get), new { id = runner.Id }, new JitRunnerResponse(
            runner.Id, runner.Name, runner.Team, runner.Organization, runner.GitHubRunnerId, runner.Labels, runner.RunnerGroupId,
            runner.Ephemeral, runner.Status, config, $"./run.sh --jitconfig {config}", runner.CreatedAt));
    }

    /// <summary>Issues a registration token for one expected runner, where the team's policy allows it.</summary>
    [EndpointName("issueRegistrationToken")]
    [HttpPost("runners/registration-token")]
    [ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)] // the body is a secret: Cache-Control: no-store, Pragma: no-cache
    [ProducesProblems(403, 404, 409, 502, 503)]
    [Consumes("application/json")]
    [ProducesResponseType<RegistrationTokenResponse>(StatusCodes.Status201Created)]
    public async Task<ActionResult<RegistrationTokenResponse>> IssueRegistrationToken(RegistrationTokenRequest request, CancellationToken cancellationToken)
    {
        var result = await Sender.Send(
            new IssueRegistrationTokenCommand(request.Team, request.Name, request.NamePrefix, request.Labels, request.RunnerGroupId),
            cancellationToken);
        if (result.IsFailure)
        {
            return Problem(result.Error);
        }

        var issued = result.Value;
        var runner = issued.Runner;
        return CreatedAtAction(nameof(Get), new { id = runner.Id }, new RegistrationTokenResponse(
            runner.Id, runner.Name, runner.Team, issued.RegistrationToken, issued.ExpiresAt, runner.Labels, runner.RunnerGroupId,
            runner.Ephemeral, issued.ConfigShLine));
    }

    /// <summary>Lists runners, newest first. Live runners unless <c>status=deleted</c> is asked for.</summary>
    [EndpointName("listRunners")]
    [HttpGet("runners")]
    [ProducesProblems(403, 404)]
    [ProducesResponseType<Page<RunnerDto>>(StatusCodes.Status200OK)]
    public async Task<ActionResult<Page<RunnerDto>>> List(
        [FromQuery] string? team,
        [FromQuery] RunnerStatus? status,
        [FromQuery] string? name,
        [FromQuery] RunnerKind? kind,
        [FromQuery] string? cursor,
        [FromQuery] int? limit,
        CancellationToken cancellationToken) =>
        OkOrProblem(await Sender.Send(new ListRunnersQuery(team, status, name, kind, cursor, limit), cancellationToken));

    /// <summary>A runner with the jobs it ran. Deleted runners stay readable.</summary>
    [EndpointName("getRunner")]
    [HttpGet("runners/{id:guid}")]
    [ProducesProblems(403, 404)]
    [ProducesResponseType<RunnerDetailsDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<RunnerDetailsDto>> Get(Guid id, CancellationToken cancellationToken) =>
        OkOrProblem(await Sender.Send(new GetRunnerQuery(id), cancellationToken));

    /// <summary>Deletes a runner at GitHub and marks it deleted. Busy runners need an admin's <c>force=true</c>.</summary>
    [EndpointName("deleteRunner")]
    [HttpDelete("runners/{id:guid}")]
    [ProducesProblems(403, 404, 409, 502, 503)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> Delete(Guid id, [FromQuery] bool force, CancellationToken cancellationToken)
    {
        var result = await Sender.Send(new DeleteRunnerCommand(id, force), cancellationToken);
        return result.IsSuccess ? NoContent() : Problem(result.Error);
    }

    /// <summary>Deletes a team's runners in bulk (admins and maintainers) and reports each outcome.</summary>
    [EndpointName("deleteTeamRunners")]
    [HttpPost("teams/{team}/runners/delete")]
    [ProducesProblems(403, 404)]
    [Consumes("application/json")]
    [ProducesResponseType<BulkDeletionReport>(StatusCodes.Status200OK)]
    public async Task<ActionResult<BulkDeletionReport>> DeleteTeamRunners(string team, DeleteTeamRunnersRequest request, CancellationToken cancellationToken) =>
        OkOrProblem(await Sender.Send(new DeleteTeamRunnersCommand(team, request.Statuses, request.DryRun), cancellationToken));
}
