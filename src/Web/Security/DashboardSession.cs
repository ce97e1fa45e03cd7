using System.Diagnostics;
using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Identity;
using RunnerTokens.Application.Identity.ResolvePrincipal;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Web.Security;

/// <summary>
/// Turns the signed-in person (cookie: issuer and subject of their ID token) into a <see cref="CallerPrincipal"/>
/// with the Application's <see cref="ResolvePrincipalCommand"/>, the same resolution the API runs for bearer
/// tokens, so a person has the same rights in both.
/// </summary>
internal sealed class DashboardSession(
    AuthenticationStateProvider authentication,
    DashboardPrincipal current,
    IServiceScopeFactory scopes)
{
    public CallerPrincipal? Principal => current.Principal;

    /// <summary>Resolves the caller again (rights may have changed since the last page); the refusal when it fails.</summary>
    public async Task<Error?> ResolveAsync(CancellationToken cancellationToken = default)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        var query = ToQuery(state.User);
        if (query is null)
        {
            current.Principal = null;
            return Error.Unauthenticated("auth.not_signed_in", "Sign in to use the dashboard.");
        }

        var result = await SendAsync(query, cancellationToken);
        if (result.Error?.Code == PrincipalErrors.ConcurrentSignIn.Code)
        {
            result = await SendAsync(query, cancellationToken);
        }

        current.Principal = result.IsSuccess ? result.Value : null;
        current.Context = new AuditContext(Activity.Current?.TraceId.ToString(), null, "RunnerTokens dashboard");
        return result.Error;
    }

    /// <summary>The query for a dashboard cookie's claims (<c>iss</c>, <c>sub</c>, <c>email</c>, ... as issued).</summary>
    public static ResolvePrincipalCommand? ToQuery(ClaimsPrincipal user)
    {
        var issuer = user.FindFirstValue("iss");
        var subject = user.FindFirstValue("sub");
        if (user.Identity?.IsAuthenticated != true || string.IsNullOrEmpty(issuer) || string.IsNullOrEmpty(subject))
        {
            return null;
        }

        bool? emailVerified = bool.TryParse(user.FindFirstValue("email_verified"), out var verified) ? verified : null;
        return new ResolvePrincipalCommand(
            issuer,
            subject,
            user.FindFirstValue("email"),
            emailVerified,
            user.FindFirstValue("name") ?? user.FindFirstValue("preferred_username"),
            TokenId: null,
            AcceptableUntil: null,
            [.. user.Claims.Select(c => new KeyValuePair<string, string>(c.Type, c.Value))]);
    }

    /// <summary>In its own scope, like the API's middleware: a failed write never lingers in the circuit's unit of work.</summary>
    private async Task<Result<CallerPrincipal>> SendAsync(ResolvePrincipalCommand query, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query, cancellationToken);
    }
}
