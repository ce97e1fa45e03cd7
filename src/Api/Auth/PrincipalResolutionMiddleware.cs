using Mediator;
using Microsoft.AspNetCore.Authorization;
using RunnerTokens.Api.Errors;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Identity;
using RunnerTokens.Application.Identity.ResolvePrincipal;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Api.Auth;

/// <summary>
/// After authentication, before authorization: turns the validated token into a <see cref="CallerPrincipal"/>
/// through <c>ResolvePrincipalCommand</c> and stores it for <see cref="HttpCurrentPrincipal"/>. Refusals
/// (unknown, deactivated: 403; replayed single-use token: 401) end the request here. Endpoints that allow
/// anonymous access are skipped, so a stray token never causes writes there.
/// </summary>
internal sealed class PrincipalResolutionMiddleware(RequestDelegate next, IServiceScopeFactory scopes, AuthMetrics metrics, PrincipalCache cache)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null
            || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
            || context.User.Identity?.IsAuthenticated != true)
        {
            await next(context);
            return;
        }

        // A user already resolved for this very token in the last few seconds (see PrincipalCache for when it is dropped).
        var cacheKey = PrincipalCache.KeyFor(context.Request.Headers.Authorization.ToString());
        if (cacheKey is not null && cache.TryGet(cacheKey, out var cached))
        {
            HttpCurrentPrincipal.Set(context, cached);
            await next(context);
            return;
        }

        var generation = cache.Generation;
        var command = TokenFacts.ToCommand(context.User, AuthenticationSetup.ClockSkew);
        if (command is null)
        {
            metrics.TokenRejected("no_subject", "principal");
            await BearerChallenge.WriteInvalidTokenAsync(context, new TokenRejection("no_subject", "The token has no issuer or subject."));
            return;
        }

        var result = await ResolveAsync(command, context.RequestAborted);
        if (result.Error?.Code == PrincipalErrors.ConcurrentSignIn.Code)
        {
            // Another request completed this person's first sign-in at the same moment: read what it wrote.
            result = await ResolveAsync(command, context.RequestAborted);
        }

        if (result.IsFailure)
        {
            await WriteRefusalAsync(context, result.Error);
            return;
        }

        if (cacheKey is not null)
        {
            cache.Store(cacheKey, result.Value, generation);
        }

        HttpCurrentPrincipal.Set(context, result.Value);
        await next(context);
    }

    /// <summary>In its own scope, so a failed write during resolution never lingers in the request's unit of work.</summary>
    private async Task<Result<CallerPrincipal>> ResolveAsync(ResolvePrincipalCommand command, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, cancellationToken);
    }

    private async Task WriteRefusalAsync(HttpContext context, Error error)
    {
        if (error.Type == ErrorType.Unauthenticated)
        {
            metrics.TokenRejected(error.Code, "principal");
            await BearerChallenge.WriteRefusedAsync(context, error);
            return;
        }

        var problem = ProblemTypes.ToProblemDetails(error, context);
        context.Response.StatusCode = problem.Status ?? StatusCodes.Status403Forbidden;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
