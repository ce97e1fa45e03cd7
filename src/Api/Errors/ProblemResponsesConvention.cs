using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using RunnerTokens.Api.Controllers;

namespace RunnerTokens.Api.Errors;

/// <summary>
/// Declares every action's problem responses for the API description (and so the OpenAPI document): the
/// common ones (<see cref="CommonStatuses"/>) on every action, plus the action's own
/// <see cref="ProducesProblemsAttribute"/> statuses, all as <see cref="ProblemDetails"/> in
/// <c>application/problem+json</c>. Actions that read a JSON body also declare 415: any other media type (a form,
/// plain text, no content type) is refused before the action runs.
/// </summary>
internal sealed class ProblemResponsesConvention : IApplicationModelConvention
{
    /// <summary>Bad request (validation), unauthenticated, rate limited, unexpected failure.</summary>
    public static readonly IReadOnlyList<int> CommonStatuses =
    [
        StatusCodes.Status400BadRequest,
        StatusCodes.Status401Unauthorized,
        StatusCodes.Status429TooManyRequests,
        StatusCodes.Status500InternalServerError,
    ];

    public void Apply(ApplicationModel application)
    {
        foreach (var action in application.Controllers.SelectMany(c => c.Actions))
        {
            var statuses = CommonStatuses.Concat(action.Attributes.OfType<ProducesProblemsAttribute>().SelectMany(a => a.Statuses));
            if (action.Parameters.Any(p => p.BindingInfo?.BindingSource == BindingSource.Body))
            {
                statuses = statuses.Append(StatusCodes.Status415UnsupportedMediaType);
            }

            foreach (var status in statuses.Distinct())
            {
                action.Filters.Add(new ProducesResponseTypeAttribute(typeof(ProblemDetails), status, "application/problem+json"));
            }
        }
    }
}
