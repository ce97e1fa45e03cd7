using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace RunnerTokens.Api.Errors;

/// <summary>
/// MVC's client errors (a 415 for a body that is not JSON, a 406, a bare status result) as problems written by the
/// problem details service, like every other problem: <c>application/problem+json</c> with a trace id and an error
/// code. MVC's own factory returns an object result, which the controllers' <c>[Produces]</c> re-types
/// <c>application/json</c>.
/// </summary>
internal sealed class ProblemClientErrorFactory : IClientErrorFactory
{
    public IActionResult GetClientError(ActionContext actionContext, IClientErrorActionResult clientError) =>
        new ProblemResult(new ProblemDetails { Status = clientError.StatusCode ?? StatusCodes.Status500InternalServerError });
}
