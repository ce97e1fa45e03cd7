using Mediator;
using Microsoft.AspNetCore.Mvc;
using RunnerTokens.Application.Identity.GetCurrentPrincipal;

namespace RunnerTokens.Api.Controllers;

[Route("api/v1/me")]
public sealed class MeController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>Who you are: user or machine identity, admin or not, and your teams with your role in each.</summary>
    [HttpGet]
    [ProducesResponseType<CurrentPrincipalDto>(StatusCodes.Status200OK)]
    [ProducesProblems(403)]
    public async Task<ActionResult<CurrentPrincipalDto>> Get(CancellationToken cancellationToken) =>
        OkOrProblem(await Sender.Send(new GetCurrentPrincipalQuery(), cancellationToken));
}
