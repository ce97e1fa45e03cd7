using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace RunnerTokens.Web.Tests.Browser;

/// <summary>
/// A real OpenID provider on a free loopback port for the dashboard's sign-in: OpenIddict 7 in degraded mode (no
/// stores), authorization code flow with PKCE required, one public client (<see cref="ClientId"/>, redirect URI
/// <see cref="RedirectUri"/>), a login form the browser fills in, and tokens signed with an ephemeral key. Access
/// tokens are plain JWTs for the API (audience <see cref="ApiAudience"/>). Every token it issues is kept in
/// <see cref="IssuedTokens"/>, so a test can prove none of them reached the browser.
/// </summary>
public sealed class TestOpenIdProvider : IAsyncDisposable
{
    public const string ClientId = "runnertokens-dashboard";
    public const string ApiAudience = "runnertokens-api";

    /// <summary>The people who can sign in, by login: subject = login.</summary>
    public static readonly IReadOnlyDictionary<string, (string Name, string Email)> People = new Dictionary<string, (string, string)>
    {
        ["alice"] = ("Alice Admin", "alice@idp.test"),
        ["nobody"] = ("Nora Nobody", "nora@idp.test"),
    };

    private readonly WebApplication _app;

    private TestOpenIdProvider(WebApplication app) => _app = app;

    /// <summary>Base address without a trailing slash, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Address { get; private set; } = string.Empty;

    /// <summary>The <c>iss</c> it writes (OpenIddict derives it from the request: the address with a trailing slash).</summary>
    public string Issuer => Address + "/";

    /// <summary>Every identity, access and refresh token it issued.</summary>
    public ConcurrentBag<string> IssuedTokens { get; } = [];

    /// <summary>The client's one registered redirect URI (<c>{dashboard}/signin-oidc</c>), set once the dashboard listens.</summary>
    public string? RedirectUri { get; set; }

    public static async Task<TestOpenIdProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        TestOpenIdProvider? provider = null;

        builder.Services.AddOpenIddict().AddServer(server =>
        {
            server.SetAuthorizationEndpointUris("connect/authorize")
                .SetTokenEndpointUris("connect/token");
            server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            server.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email);
            server.AddEphemeralSigningKey().AddEphemeralEncryptionKey().DisableAccessTokenEncryption();
            server.EnableDegradedMode();
            server.AcceptAnonymousClients();
            server.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();

            // Degraded mode has no application store: the client and its redirect URI are checked here.
            server.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client.");
                }
                else if (context.RedirectUri != provider!.RedirectUri)
                {
                    context.Reject(Errors.InvalidRequest, "Unregistered redirect_uri.");
                }

                return default;
            }));
            server.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client.");
                }

                return default;
            }));
            server.AddEventHandler<HandleTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.Request.IsAuthorizationCodeGrantType() && context.AuthorizationCodePrincipal is { } principal)
                {
                    context.SignIn(principal);
                }

                return default;
            }));
            server.AddEventHandler<ApplyTokenResponseContext>(handler => handler.UseInlineHandler(context =>
            {
                foreach (var token in new[] { context.Response.IdToken, context.Response.AccessToken, context.Response.RefreshToken })
                {
                    if (!string.IsNullOrEmpty(token))
                    {
                        provider!.IssuedTokens.Add(token);
                    }
                }

                return default;
            }));
        });

        var app = builder.Build();
        provider = new TestOpenIdProvider(app);
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], provider.Authorize);
        await app.StartAsync();
        provider.Address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>The login step: a form first; once a known login is posted, the sign-in that issues the code.</summary>
    private IResult Authorize(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var login = (string?)request.GetParameter("login");
        if (string.IsNullOrEmpty(login) || !People.TryGetValue(login, out var person))
        {
            return Results.Content(LoginForm(request, string.IsNullOrEmpty(login) ? null : "Unknown login."), "text/html");
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, login));
        identity.AddClaim(new Claim(Claims.Name, person.Name));
        identity.AddClaim(new Claim(Claims.Email, person.Email));
        identity.AddClaim(new Claim(Claims.EmailVerified, "true", ClaimValueTypes.Boolean));
        identity.SetScopes(request.GetScopes());
        identity.SetResources(ApiAudience);
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static string LoginForm(OpenIddictRequest request, string? error)
    {
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><title>Test provider sign-in</title></head><body><main><h1>Test provider</h1>");
        if (error is not null)
        {
            html.Append("<p role=\"alert\">").Append(WebUtility.HtmlEncode(error)).Append("</p>");
        }

        html.Append("<form method=\"post\" action=\"/connect/authorize\">");
        foreach (var (name, value) in request.GetParameters())
        {
            if (name != "login")
            {
                html.Append("<input type=\"hidden\" name=\"").Append(WebUtility.HtmlEncode(name))
                    .Append("\" value=\"").Append(WebUtility.HtmlEncode((string?)value)).Append("\" />");
            }
        }

        html.Append("<label for=\"login\">Login</label> <input id=\"login\" name=\"login\" autocomplete=\"username\" />")
            .Append(" <button type=\"submit\">Sign in</button></form></main></body></html>");
        return html.ToString();
    }
}
