using Microsoft.AspNetCore.Mvc;

namespace RunnerTokens.Api.Errors;

/// <summary>
/// Writes a problem through <see cref="IProblemDetailsService"/> as <c>application/problem+json</c>. An
/// ObjectResult would be re-typed <c>application/json</c> by the controllers' <c>[Produces]</c> filter.
/// </summary>
public sealed class ProblemResult(ProblemDetails problem) : ActionResult
{
    public ProblemDetails Problem { get; } = problem;

    public override async Task ExecuteResultAsync(ActionContext context)
    {
        var http = context.HttpContext;
        http.Response.StatusCode = Problem.Status ?? StatusCodes.Status500InternalServerError;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = Problem });
    }
}
