using Mediator;
using Microsoft.AspNetCore.Mvc;
using RunnerTokens.Api.Contracts.Teams;
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
    [ProducesResponseType<LabelPolicyResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<ActionResult<LabelPolicyResponse>> Change(string team, LabelPolicyRequest request, CancellationToken cancellationToken)
    {
        var result = await Sender.Send(new ChangeLabelPolicyCommand(team, request.ToSettings()), cancellationToken);
        return result.IsSuccess ? Ok(LabelPolicyResponse.From(result.Value)) : Problem(result.Error);
    }

    /// <summary>The current policy version.</summary>
    [HttpGet]
    [ProducesResponseType<LabelPolicyResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult<LabelPolicyResponse>> Get(string team, CancellationToken cancellationToken)
    {
        var result = await Sender.Send(new GetLabelPolicyQuery(team), cancellationToken);
        return result.IsSuccess ? Ok(LabelPolicyResponse.From(result.Value)) : Problem(result.Error);
    }

    /// <summary>Every policy version, newest first.</summary>
    [HttpGet("versions")]
    [ProducesResponseType<PageResponse<LabelPolicyResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult<PageResponse<LabelPolicyResponse>>> ListVersions(
        string team, [FromQuery] int? limit, [FromQuery] string? cursor, CancellationToken cancellationToken)
    {
        var result = await Sender.Send(new ListLabelPolicyVersionsQuery(team, limit, cursor), cancellationToken);
        return result.IsSuccess ? Ok(PageResponse<LabelPolicyResponse>.From(result.Value, LabelPolicyResponse.From)) : Problem(result.Error);
    }

    /// <summary>
    /// The admission decision for a runner request, provisioning nothing (members, maintainers, the team's
    /// machine identities, admins). A refusal is a 200 answer with <c>admitted: false</c> and every violation.
    /// </summary>
    [HttpPost("evaluate")]
    [ProducesResponseType<AdmissionDecisionResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult<AdmissionDecisionResponse>> Evaluate(string team, EvaluateAdmissionRequest request, CancellationToken cancellationToken)
    {
        var result = await Sender.Send(new EvaluateAdmissionQuery(team, request.Labels, request.RunnerGroupId), cancellationToken);
        return result.IsSuccess ? Ok(AdmissionDecisionResponse.From(result.Value)) : Problem(result.Error);
    }
}
