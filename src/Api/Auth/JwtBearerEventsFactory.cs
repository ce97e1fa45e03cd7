using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace RunnerTokens.Api.Auth;

/// <summary>Events shared by every bearer scheme: count and log refusals, and write the 401 ourselves.</summary>
internal static partial class JwtBearerEventsFactory
{
    public static JwtBearerEvents Create(string issuerName) => new()
    {
        OnAuthenticationFailed = context =>
        {
            var rejection = TokenRejection.From(context.Exception);
            context.HttpContext.RequestServices.GetRequiredService<AuthMetrics>().TokenRejected(rejection.Reason, context.Scheme.Name);
            var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("RunnerTokens.Api.Auth");

            // The exception type and reason only: IdentityModel messages can quote token parts.
            LogRejected(logger, issuerName, rejection.Reason, context.Exception.GetType().Name);
            return Task.CompletedTask;
        },
        OnChallenge = async context =>
        {
            context.HandleResponse();
            if (context.AuthenticateFailure is { } failure)
            {
                await BearerChallenge.WriteInvalidTokenAsync(context.HttpContext, TokenRejection.From(failure));
            }
            else
            {
                await BearerChallenge.WriteMissingTokenAsync(context.HttpContext);
            }
        },
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Bearer token from issuer {Issuer} refused: {Reason} ({ExceptionType})")]
    private static partial void LogRejected(ILogger logger, string issuer, string reason, string exceptionType);
}
