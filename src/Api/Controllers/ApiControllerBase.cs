using Mediator;
using Microsoft.AspNetCore.Mvc;
using RunnerTokens.Api.Errors;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Api.Controllers;

/// <summary>Thin controllers: map the wire request to a message, send it, map the result.</summary>
[ApiController]
[Produces("application/json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status500InternalServerError, "application/problem+json")]
public abstract class ApiControllerBase(ISender sender) : ControllerBase
{
    protected ISender Sender { get; } = sender;

    /// <summary>Writes an expected failure as a problem with its mapped status.</summary>
    protected ActionResult Problem(Error error) => new ProblemResult(ProblemTypes.ToProblemDetails(error, HttpContext));

    protected ActionResult<T> OkOrProblem<T>(Result<T> result) =>
        result.IsSuccess ? Ok(result.Value) : Problem(result.Error);
}
