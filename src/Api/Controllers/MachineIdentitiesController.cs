using Mediator;
using Microsoft.AspNetCore.Mvc;
using RunnerTokens.Api.Contracts.MachineIdentities;
using RunnerTokens.Application.MachineIdentities;
using RunnerTokens.Application.MachineIdentities.CreateMachineIdentity;
using RunnerTokens.Application.MachineIdentities.DeleteMachineIdentity;
using RunnerTokens.Application.MachineIdentities.ListMachineIdentities;
using RunnerTokens.Application.MachineIdentities.UpdateMachineIdentity;

namespace RunnerTokens.Api.Controllers;

/// <summary>A team's machine identities (administrators and the team's maintainers).</summary>
[Route("api/v1/teams/{team}/machine-identities")]
public sealed class MachineIdentitiesController(ISender sender) : ApiControllerBase(sender)
{
    [HttpGet]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<IReadOnlyList<MachineIdentityDto>>(StatusCodes.Status200OK)]
    public async Task<ActionResult<IReadOnlyList<MachineIdentityDto>>> List(string team, CancellationToken cancellationToken) =>
        OkOrProblem(await Sender.Send(new ListMachineIdentitiesQuery(team), cancellationToken));

    [HttpPost]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<MachineIdentityDto>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<ActionResult<MachineIdentityDto>> Create(string team, CreateMachineIdentityRequest request, CancellationToken cancellationToken)
    {
        var result = await Sender.Send(
            new CreateMachineIdentityCommand(
                team,
                request.Name,
                request.Description,
                request.Issuer,
                request.Subject,
                request.ClaimConditions,
                request.SingleUseTokens ?? false),
            cancellationToken);
        return result.IsSuccess
            ? Created($"/api/v1/teams/{Uri.EscapeDataString(result.Value.Team)}/machine-identities/{result.Value.Id}", result.Value)
            : Problem(result.Error);
    }

    [HttpPatch("{id}")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<MachineIdentityDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<ActionResult<MachineIdentityDto>> Update(
        string team, Guid id, UpdateMachineIdentityRequest request, CancellationToken cancellationToken) =>
        OkOrProblem(await Sender.Send(
            new UpdateMachineIdentityCommand(
                team,
                id,
                request.Name,
                request.Description,
                request.Issuer,
                request.Subject,
                request.ClaimConditions,
                request.SingleUseTokens,
                request.IsActive),
            cancellationToken));

    [HttpDelete("{id}")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> Delete(string team, Guid id, CancellationToken cancellationToken)
    {
        var result = await Sender.Send(new DeleteMachineIdentityCommand(team, id), cancellationToken);
        return result.IsSuccess ? NoContent() : Problem(result.Error);
    }
}
