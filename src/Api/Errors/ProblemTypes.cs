using Microsoft.AspNetCore.Mvc;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Api.Errors;

/// <summary>The single mapping from <see cref="Error"/> to an RFC 9457 problem.</summary>
public static class ProblemTypes
{
    public const string ErrorCodeKey = "errorCode";
    public const string TraceIdKey = "traceId";
    public const string TypeBase = "https://runnertokens.dev/problems/";

    public static int StatusFor(ErrorType type) => type switch
    {
        ErrorType.Validation => StatusCodes.Status400BadRequest,
        ErrorType.Unauthenticated => StatusCodes.Status401Unauthorized,
        ErrorType.Forbidden => StatusCodes.Status403Forbidden,
        ErrorType.NotFound => StatusCodes.Status404NotFound,
        ErrorType.Conflict => StatusCodes.Status409Conflict,
        ErrorType.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
        ErrorType.RateLimited => StatusCodes.Status429TooManyRequests,
        ErrorType.Upstream => StatusCodes.Status502BadGateway,
        ErrorType.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static string TitleFor(int status) => status switch
    {
        400 => "The request is invalid.",
        401 => "Authentication is required.",
        403 => "The request is not allowed.",
        404 => "The resource was not found.",
        409 => "The request conflicts with the current state.",
        412 => "The precondition failed.",
        413 => "The request body is too large.",
        429 => "Too many requests.",
        502 => "GitHub answered with an error.",
        503 => "The service is temporarily unavailable.",
        _ => "An unexpected error occurred.",
    };

    public static ProblemDetails ToProblemDetails(Error error, HttpContext httpContext)
    {
        var status = StatusFor(error.Type);
        var problem = new ProblemDetails
        {
            Type = TypeBase + error.Code,
            Title = TitleFor(status),
            Status = status,
            Detail = error.Message,
            Instance = httpContext.Request.Path,
        };
        problem.Extensions[ErrorCodeKey] = error.Code;
        problem.Extensions[TraceIdKey] = System.Diagnostics.Activity.Current?.Id ?? httpContext.TraceIdentifier;
        foreach (var (key, value) in error.Details)
        {
            problem.Extensions[key] = value;
        }

        if (error.RetryAfter is { } retryAfter)
        {
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds(retryAfter);
        }

        return problem;
    }

    public static string RetryAfterSeconds(TimeSpan retryAfter) =>
        Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
