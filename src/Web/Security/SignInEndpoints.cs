using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace RunnerTokens.Web.Security;

/// <summary>
/// <c>GET /signin</c>: the OpenID Connect challenge (code + PKCE), or in Development without an authority the
/// Development sign-in page; <c>POST /signout</c> ends the dashboard session.
/// </summary>
internal static class SignInEndpoints
{
    public const string SignInPath = "/signin";
    public const string SignOutPath = "/signout";

    public static void Map(IEndpointRouteBuilder endpoints, bool oidc, bool development)
    {
        endpoints.MapGet(SignInPath, (string? returnUrl) =>
            {
                var target = DevelopmentSignIn.LocalOrRoot(returnUrl);
                if (oidc)
                {
                    return Results.Challenge(new AuthenticationProperties { RedirectUri = target }, [DashboardSchemes.OpenIdConnect]);
                }

                return development
                    ? Results.LocalRedirect(DevelopmentSignIn.Path + "?returnUrl=" + Uri.EscapeDataString(target))
                    : Results.Problem(
                        title: "The service is temporarily unavailable.",
                        detail: "The dashboard's sign-in is not configured (Dashboard:Authority).",
                        statusCode: StatusCodes.Status503ServiceUnavailable);
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        endpoints.MapPost(SignOutPath, async (HttpContext http) =>
            {
                await http.SignOutAsync(DashboardSchemes.Cookie);
                return Results.LocalRedirect("/signed-out");
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        endpoints.MapGet("/signed-out", () => Results.Content(
                "<!DOCTYPE html><html lang=\"en\"><head><title>Signed out</title></head><body><main><h1>Signed out</h1><p><a href=\"/signin\">Sign in again</a></p></main></body></html>",
                "text/html"))
            .AllowAnonymous()
            .ExcludeFromDescription();
    }
}
