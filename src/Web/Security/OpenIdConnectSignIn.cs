using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace RunnerTokens.Web.Security;

/// <summary>
/// Authorization code + PKCE against <c>Dashboard:Authority</c>, signed in with the dashboard cookie. Tokens stay on
/// the server and are not even kept there: the cookie carries only the ID token's issuer, subject, email and name,
/// which <see cref="DashboardSession"/> resolves like a bearer token's.
/// </summary>
internal static class OpenIdConnectSignIn
{
    private static readonly string[] KeptClaims = ["iss", "sub", "email", "email_verified", "name", "preferred_username"];

    public static void Add(AuthenticationBuilder authentication, DashboardOptions options) =>
        authentication.AddOpenIdConnect(DashboardSchemes.OpenIdConnect, oidc =>
        {
            oidc.SignInScheme = DashboardSchemes.Cookie;
            oidc.Authority = options.Authority;
            oidc.ClientId = options.ClientId;
            oidc.ClientSecret = string.IsNullOrWhiteSpace(options.ClientSecret) ? null : options.ClientSecret;
            oidc.RequireHttpsMetadata = options.RequireHttpsMetadata;
            oidc.ResponseType = OpenIdConnectResponseType.Code;
            oidc.UsePkce = true;
            oidc.SaveTokens = false;
            oidc.MapInboundClaims = false;
            oidc.GetClaimsFromUserInfoEndpoint = false;
            oidc.CallbackPath = "/signin-oidc";
            oidc.SignedOutCallbackPath = "/signout-callback-oidc";
            oidc.TokenValidationParameters.NameClaimType = "name";

            // The handler's default claim actions run after OnTokenValidated (even without the userinfo endpoint) and
            // delete "iss" among others: keep it, it is half of the person's identity (issuer + subject).
            oidc.ClaimActions.Remove("iss");
            oidc.Scope.Clear();
            oidc.Scope.Add("openid");
            foreach (var scope in options.Scopes.Where(s => !string.IsNullOrWhiteSpace(s)))
            {
                oidc.Scope.Add(scope);
            }

            oidc.Events = new OpenIdConnectEvents
            {
                OnTokenValidated = context =>
                {
                    var token = context.SecurityToken;
                    var claims = KeptClaims
                        .Select(type => type == "iss" ? new Claim("iss", token.Issuer) : context.Principal?.FindFirst(type))
                        .OfType<Claim>()
                        .Select(c => new Claim(c.Type, c.Value));
                    context.Principal = new ClaimsPrincipal(new ClaimsIdentity(claims, DashboardSchemes.Cookie, "name", "roles"));
                    return Task.CompletedTask;
                },
            };
        });
}
