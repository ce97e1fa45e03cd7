using Mediator;
using Microsoft.AspNetCore.Mvc;
using RunnerTokens.Api.Contracts.Teams;
using RunnerTokens.Application.Common.Paging;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Application.Teams.ChangeLabelPolicy;
using RunnerTokens.Application.Teams.EvaluateAdmission;
using RunnerTokens.Application.Teams.GetLabelPolicy;
using RunnerTokens.Application.Teams.ListLabelPolicyVersions;

namespace RunnerTokens.Api.Controllers;

/// <summary>A team's versioned label policy and the admission decision it makes.</summary>
[Route("api/v1/teams/{team}/policy")]
public sealed class TeamPolicyController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>Saves the next policy version (admins). Saving the current settings again returns the current version.</summary>
    [HttpPut]
    [ProducesResponseType<LabelPolicyDto>(StatusCodes.Status200OK)]
    [ProducesProblems(403, 404, 409)]
    public async Task<ActionResult<LabelPolicyDto>> Change(string team, LabelPolicyRequest request, CancellationToken cancellationToken) =>
        OkOrProblem(await Sender.Send(new ChangeLabelPolicyCommand(team, request.ToSettings()), cancellationToken));

    /// <summary>The current policy version.</summary>
    [HttpGet]
    [ProducesResponseType<LabelPolicyDto>(StatusCodes.Status200OK)]
    [ProducesProblems(404)]
    public async Task<ActionResult<LabelPolicyDto>> Get(string team, CancellationToken cancellationToken) =>
        OkOrProblem(await Sender.Send(new GetLabelPolicyQuery(team), cancellationToken));

    /// <summary>Every policy version, newest first.</summary>
    [HttpGet("versions")]
    [ProducesResponseType<Page<LabelPolicyDto>>(StatusCodes.Status200OK)]
    [ProducesProblems(404)]
    public async Task<ActionResult<Page<LabelPolicyDto>>> ListVersions(
        string team, [FromQuery] int? limit, [FromQuery] string? cursor, CancellationToken cancellationToken) =>
        OkOrProblem(await Sender.Send(new ListLabelPolicyVersionsQuery(team, limit, cursor), cancellationToken));

    /// <summary>
    /// The admission decision for a runner request, provisioning nothing (members, maintainers, the team's
    /// machine identities, admins). A refusal is a 200 answer with <c>admitted: false</c> and every violation.
    /// </summary>
    [HttpPost("evaluate")]
    [ProducesResponseType<AdmissionDecisionDto>(StatusCodes.Status200OK)]
    [ProducesProblems(403, 404)]
    public async Task<ActionResult<AdmissionDecisionDto>> Evaluate(string team, EvaluateAdmissionRequest request, CancellationToken cancellationToken) =>
        OkOrProblem(await Sender.Send(new EvaluateAdmissionQuery(team, request.Labels, request.RunnerGroupId), cancellationToken));
}
