using Mediator;
using Microsoft.AspNetCore.Mvc;
using RunnerTokens.Api.Errors;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Api.Controllers;

/// <summary>
/// Thin controllers: map the wire request to a message, send it, return the Application's result (its DTO is
/// the response body) or its problem. Problem responses are declared by <see cref="ProblemResponsesConvention"/>:
/// the common ones for every action, the action's own with <see cref="ProducesProblemsAttribute"/>.
/// </summary>
[ApiController]
[Produces("application/json")]
public abstract class ApiControllerBase(ISender sender) : ControllerBase
{
    protected ISender Sender { get; } = sender;

    /// <summary>Writes an expected failure as a problem with its mapped status.</summary>
    protected ActionResult Problem(Error error) => new ProblemResult(ProblemTypes.ToProblemDetails(error, HttpContext));

    protected ActionResult<T> OkOrProblem<T>(Result<T> result) =>
        result.IsSuccess ? Ok(result.Value) : Problem(result.Error);
}
