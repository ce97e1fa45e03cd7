using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace RunnerTokens.Web.Security;

/// <summary>
/// Development only (mapped nowhere else): <c>GET /signin/dev</c> offers the seeded personas, <c>POST</c> signs in as
/// one with the dashboard cookie, carrying the same claims an ID token would (issuer, subject, email, name).
/// </summary>
internal static class DevelopmentSignIn
{
    public const string Path = "/signin/dev";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (string? returnUrl) =>
                new RazorComponentResult<DevelopmentSignInPage>(new { ReturnUrl = LocalOrRoot(returnUrl) }))
            .AllowAnonymous()
            .ExcludeFromDescription();
        endpoints.MapPost(Path, async Task<Results<RedirectHttpResult, NotFound>> (HttpContext http, [FromForm] string persona, [FromForm] string? returnUrl) =>
            {
                var chosen = DevelopmentPersona.All.FirstOrDefault(p => p.Key == persona);
                if (chosen is null)
                {
                    return TypedResults.NotFound();
                }

                await http.SignInAsync(DashboardSchemes.Cookie, ToPrincipal(chosen));
                return TypedResults.LocalRedirect(LocalOrRoot(returnUrl));
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
    }

    public static ClaimsPrincipal ToPrincipal(DevelopmentPersona persona) =>
        new(new ClaimsIdentity(
            [
                new Claim("iss", DevelopmentPersona.Issuer),
                new Claim("sub", persona.Subject),
                new Claim("email", persona.Email),
                new Claim("email_verified", "true"),
                new Claim("name", persona.DisplayName),
            ],
            DashboardSchemes.Cookie,
            "name",
            "roles"));

    /// <summary>Only local paths: a sign-in must never redirect off the site.</summary>
    public static string LocalOrRoot(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
