using Mediator;
using Microsoft.AspNetCore.Mvc;
using RunnerTokens.Api.Contracts.Teams;
using RunnerTokens.Application.Common.Paging;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Application.Teams.ChangeLabelPolicy;
using RunnerTokens.Application.Teams.EvaluateAdmission;
using RunnerTokens.Application.Teams.GetLabelPolicy;
using RunnerTokens.Application.Teams.ListLabelPolicyVersions;
using RunnerTokens.Application.Teams.PatchLabelPolicy;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Api.Controllers;

/// <summary>A team's versioned label policy and the admission decision it makes.</summary>
[Route("api/v1/teams/{team}/policy")]
public sealed class TeamPolicyController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>
    /// Replaces the policy: saves the next version (admins). Every field is required; to change some, use PATCH.
    /// Saving the current settings again returns the current version. With <c>If-Match</c> (the policy's ETag),
    /// a policy changed since it was read is refused with 412 <c>policy.version_mismatch</c>.
    /// </summary>
    [EndpointName("setTeamPolicy")]
    [HttpPut]
    [ProducesResponseType<LabelPolicyDto>(StatusCodes.Status200OK)]
    [ProducesProblems(403, 404, 409, 412)]
    public async Task<ActionResult<LabelPolicyDto>> Change(
        string team,
        ReplaceLabelPolicyRequest request,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        CancellationToken cancellationToken)
    {
        if (!PolicyVersionETag.TryParseIfMatch(ifMatch, out var expectedVersion))
        {
            return InvalidIfMatch();
        }

        return WithETag(await Sender.Send(new ChangeLabelPolicyCommand(team, request.ToSettings(), expectedVersion), cancellationToken));
    }

    /// <summary>
    /// Changes some fields of the policy (JSON merge patch, <c>application/merge-patch+json</c> or
    /// <c>application/json</c>): the current version with those fields changed becomes the next version (admins).
    /// Fields left out keep their values. <c>If-Match</c> as for PUT.
    /// </summary>
    [EndpointName("patchTeamPolicy")]
    [HttpPatch]
    [Consumes("application/merge-patch+json", "application/json")]
    [ProducesResponseType<LabelPolicyDto>(StatusCodes.Status200OK)]
    [ProducesProblems(403, 404, 409, 412)]
    public async Task<ActionResult<LabelPolicyDto>> Patch(
        string team,
        PatchLabelPolicyRequest request,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        CancellationToken cancellationToken)
    {
        if (!PolicyVersionETag.TryParseIfMatch(ifMatch, out var expectedVersion))
        {
            return InvalidIfMatch();
        }

        return WithETag(await Sender.Send(new PatchLabelPolicyCommand(team, request.ToPatch(), expectedVersion), cancellationToken));
    }

    /// <summary>The current policy version; its <c>ETag</c> is the version, for <c>If-Match</c> on PUT and PATCH.</summary>
    [EndpointName("getTeamPolicy")]
    [HttpGet]
    [ProducesResponseType<LabelPolicyDto>(StatusCodes.Status200OK)]
    [ProducesProblems(404)]
    public async Task<ActionResult<LabelPolicyDto>> Get(string team, CancellationToken cancellationToken) =>
        WithETag(await Sender.Send(new GetLabelPolicyQuery(team), cancellationToken));

    /// <summary>Every policy version, newest first.</summary>
    [EndpointName("listTeamPolicyVersions")]
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
    [EndpointName("evaluateAdmission")]
    [HttpPost("evaluate")]
    [ProducesResponseType<AdmissionDecisionDto>(StatusCodes.Status200OK)]
    [ProducesProblems(403, 404)]
    public async Task<ActionResult<AdmissionDecisionDto>> Evaluate(string team, EvaluateAdmissionRequest request, CancellationToken cancellationToken) =>
        OkOrProblem(await Sender.Send(new EvaluateAdmissionQuery(team, request.Labels, request.RunnerGroupId), cancellationToken));

    private ActionResult<LabelPolicyDto> WithETag(Result<LabelPolicyDto> result)
    {
        if (result.IsSuccess)
        {
            Response.Headers.ETag = PolicyVersionETag.For(result.Value.Version);
        }

        return OkOrProblem(result);
    }

    private ActionResult InvalidIfMatch() => Problem(Error.Validation(
        "request.invalid_if_match", "If-Match is the policy's ETag as GET returned it, for example \"3\", or *."));
}
