using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace RunnerTokens.Api.Auth;

/// <summary>
/// Handles requests no issuer scheme can: without a bearer token (no result; the challenge asks for one),
/// or with a token that is unreadable or from an untrusted issuer (failure, counted and logged).
/// </summary>
internal sealed partial class UnrecognizedTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IssuerSchemeSelector selector,
    AuthMetrics metrics)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var rejection = selector.Select(Context).Rejection;
        if (rejection is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        metrics.TokenRejected(rejection.Reason, Scheme.Name);
        LogRejected(Logger, rejection.Reason);
        return Task.FromResult(AuthenticateResult.Fail(rejection.Description));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var rejection = selector.Select(Context).Rejection;
        return rejection is null
            ? BearerChallenge.WriteMissingTokenAsync(Context)
            : BearerChallenge.WriteInvalidTokenAsync(Context, rejection);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bearer token refused before validation: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);
}
