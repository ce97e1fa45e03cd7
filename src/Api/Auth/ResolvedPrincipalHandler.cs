using Microsoft.AspNetCore.Authorization;

namespace RunnerTokens.Api.Auth;

/// <summary>
/// Succeeds once <see cref="PrincipalResolutionMiddleware"/> stored a principal. Requests that matched no
/// endpoint pass too, so an authenticated caller gets the 404 rather than a 403.
/// </summary>
internal sealed class ResolvedPrincipalHandler : AuthorizationHandler<ResolvedPrincipalRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ResolvedPrincipalRequirement requirement)
    {
        if (context.Resource is HttpContext http && (HttpCurrentPrincipal.IsResolved(http) || http.GetEndpoint() is null))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
