using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace RunnerTokens.Api.Errors;

/// <summary>
/// Turns exceptions into problems: validation failures and unreadable requests are the caller's
/// fault (400/413); anything else is a 500 that shows no internals outside Development.
/// </summary>
internal sealed partial class ApiExceptionHandler(
    IProblemDetailsService problemDetails,
    IHostEnvironment environment,
    ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem = exception switch
        {
            ValidationException validation => ValidationProblem(validation),
            BadHttpRequestException badRequest => BadRequestProblem(badRequest),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => ClientClosed(),
            _ => Unexpected(exception),
        };

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ValidationProblemDetails ValidationProblem(ValidationException exception)
    {
        var errors = exception.Errors
            .GroupBy(e => WireErrors.FieldName(e.PropertyName), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray(), StringComparer.Ordinal);
        var problem = new ValidationProblemDetails(errors)
        {
            Type = ProblemTypes.TypeBase + "request.validation_failed",
            Title = "The request is invalid.",
            Status = StatusCodes.Status400BadRequest,
            Detail = "One or more fields are invalid; see errors.",
        };
        problem.Extensions[ProblemTypes.ErrorCodeKey] = "request.validation_failed";
        return problem;
    }

    private static ProblemDetails BadRequestProblem(BadHttpRequestException exception)
    {
        var tooLarge = exception.StatusCode == StatusCodes.Status413PayloadTooLarge;
        var code = tooLarge ? "request.too_large" : "request.invalid";
        var problem = new ProblemDetails
        {
            Type = ProblemTypes.TypeBase + code,
            Status = tooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest,
            Title = ProblemTypes.TitleFor(tooLarge ? 413 : 400),
            Detail = tooLarge ? "The request body exceeds the configured limit." : "The request could not be read.",
        };
        problem.Extensions[ProblemTypes.ErrorCodeKey] = code;
        return problem;
    }

    private static ProblemDetails ClientClosed() => new()
    {
        Status = 499,
        Title = "The client closed the request.",
        Extensions = { [ProblemTypes.ErrorCodeKey] = "request.cancelled" },
    };

    private ProblemDetails Unexpected(Exception exception)
    {
        LogUnexpected(logger, exception);
        var problem = new ProblemDetails
        {
            Type = ProblemTypes.TypeBase + "server.unexpected",
            Status = StatusCodes.Status500InternalServerError,
            Title = ProblemTypes.TitleFor(500),
            Detail = environment.IsDevelopment() ? exception.ToString() : "The error was logged; quote the trace id when reporting it.",
        };
        problem.Extensions[ProblemTypes.ErrorCodeKey] = "server.unexpected";
        return problem;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);
}
