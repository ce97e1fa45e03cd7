using Microsoft.AspNetCore.Mvc;
using RunnerTokens.Api.Errors;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Api.Auth;

/// <summary>
/// Every 401 of the service: <c>WWW-Authenticate: Bearer</c> (RFC 6750, with <c>error="invalid_token"</c> when a
/// token was sent and refused) and a problem body with <c>errorCode</c> <c>auth.unauthenticated</c>,
/// <c>auth.invalid_token</c>, or the principal-resolution code (<c>auth.token_replayed</c>, ...).
/// </summary>
public static class BearerChallenge
{
    public const string Unauthenticated = "auth.unauthenticated";
    public const string InvalidToken = "auth.invalid_token";

    public static Task WriteMissingTokenAsync(HttpContext context) =>
        WriteAsync(context, "Bearer", Unauthenticated, "A bearer token is required.");

    public static Task WriteInvalidTokenAsync(HttpContext context, TokenRejection rejection) =>
        WriteAsync(context, Header(rejection.Description), InvalidToken, rejection.Description);

    /// <summary>A valid token refused after validation (replayed, missing jti).</summary>
    public static Task WriteRefusedAsync(HttpContext context, Error error) =>
        WriteAsync(context, Header(error.Message), error.Code, error.Message);

    private static string Header(string description) =>
        $"Bearer error=\"invalid_token\", error_description=\"{description.Replace("\"", "'", StringComparison.Ordinal)}\"";

    private static async Task WriteAsync(HttpContext context, string challenge, string code, string detail)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = challenge;
        var problem = new ProblemDetails
        {
            Type = ProblemTypes.TypeBase + code,
            Title = ProblemTypes.TitleFor(StatusCodes.Status401Unauthorized),
            Status = StatusCodes.Status401Unauthorized,
            Detail = detail,
            Extensions = { [ProblemTypes.ErrorCodeKey] = code },
        };
        var writer = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await writer.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
