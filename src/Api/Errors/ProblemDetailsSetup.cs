using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace RunnerTokens.Api.Errors;

internal static class ProblemDetailsSetup
{
    /// <summary>Every problem the service writes carries a trace id and a stable error code.</summary>
    public static IServiceCollection AddApiProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = Customize);

        // Validation messages name fields as the wire does ('organization', not 'Organization').
        FluentValidation.ValidatorOptions.Global.DisplayNameResolver = static (_, member, _) =>
            member is null ? null : WireErrors.CamelCase(member.Name);
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Replace(ServiceDescriptor.Singleton<IClientErrorFactory, ProblemClientErrorFactory>());
        services.Configure<ApiBehaviorOptions>(options =>
            options.InvalidModelStateResponseFactory = context =>
            {
                // A plain ProblemDetails with the field errors as an extension: the MVC problem writer
                // serializes the declared ProblemDetails type, which would drop ValidationProblemDetails.Errors.
                var problem = new ProblemDetails
                {
                    Type = ProblemTypes.TypeBase + "request.invalid",
                    Title = "The request is invalid.",
                    Status = StatusCodes.Status400BadRequest,
                    Detail = "The request body or parameters could not be read; see errors.",
                    Instance = context.HttpContext.Request.Path,
                };
                problem.Extensions[ProblemTypes.ErrorCodeKey] = "request.invalid";
                problem.Extensions["errors"] = WireErrors.From(context.ModelState);

                // Written by the problem details service (application/problem+json, trace id); an
                // ObjectResult would be re-typed application/json by the controllers' [Produces].
                return new ProblemResult(problem);
            });
        return services;
    }

    private static void Customize(ProblemDetailsContext context) => Customize(context.HttpContext, context.ProblemDetails);

    private static void Customize(HttpContext httpContext, ProblemDetails problem)
    {
        problem.Instance ??= httpContext.Request.Path;
        problem.Extensions[ProblemTypes.TraceIdKey] = Activity.Current?.Id ?? httpContext.TraceIdentifier;
        if (!problem.Extensions.ContainsKey(ProblemTypes.ErrorCodeKey))
        {
            problem.Extensions[ProblemTypes.ErrorCodeKey] = DefaultCode(problem.Status ?? 500);
        }

        if (problem.Status is { } status && (problem.Title is null || problem.Type?.StartsWith("https://tools.ietf.org", StringComparison.Ordinal) == true))
        {
            problem.Title ??= ProblemTypes.TitleFor(status);
        }

        // Status-code pages (404 for an unknown route, 405, 415 ...) get a detail too; a 415, from [Consumes] or from
        // MVC's body binding, says what to send instead.
        problem.Detail ??= problem.Status == StatusCodes.Status415UnsupportedMediaType
            ? "The request body must be JSON, sent with Content-Type: application/json."
            : problem.Title;
    }

    private static string DefaultCode(int status) => status switch
    {
        400 => "request.invalid",
        401 => "auth.unauthenticated",
        403 => "auth.forbidden",
        404 => "resource.not_found",
        405 => "request.method_not_allowed",
        406 => "request.not_acceptable",
        409 => "resource.conflict",
        413 => "request.too_large",
        415 => "request.unsupported_media_type",
        429 => "request.rate_limited",
        503 => "service.unavailable",
        _ => "server.unexpected",
    };
}
