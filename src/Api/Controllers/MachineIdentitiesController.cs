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
    [ProducesProblems(403, 404)]
    [ProducesResponseType<IReadOnlyList<MachineIdentityDto>>(StatusCodes.Status200OK)]
    public async Task<ActionResult<IReadOnlyList<MachineIdentityDto>>> List(string team, CancellationToken cancellationToken) =>
        OkOrProblem(await Sender.Send(new ListMachineIdentitiesQuery(team), cancellationToken));

    [HttpPost]
    [ProducesProblems(403, 404, 409)]
    [ProducesResponseType<MachineIdentityDto>(StatusCodes.Status201Created)]
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
    [ProducesProblems(403, 404, 409)]
    [ProducesResponseType<MachineIdentityDto>(StatusCodes.Status200OK)]
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
    [ProducesProblems(403, 404)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> Delete(string team, Guid id, CancellationToken cancellationToken)
    {
        var result = await Sender.Send(new DeleteMachineIdentityCommand(team, id), cancellationToken);
        return result.IsSuccess ? NoContent() : Problem(result.Error);
    }
}
