using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Tokens;
using RunnerTokens.Application.Identity;
using RunnerTokens.Infrastructure.Configuration;

namespace RunnerTokens.Api.Auth;

/// <summary>
/// Bearer authentication against the configured issuers (one scheme each, chosen per request by the token's
/// <c>iss</c>), the Development-only <c>dotnet user-jwts</c> scheme, and the fallback authorization policy:
/// every endpoint needs a resolved principal unless it allows anonymous access.
/// </summary>
internal static class AuthenticationSetup
{
    public const string BootstrapAdminsSection = "Authorization:BootstrapAdmins";

    /// <summary>Tolerated clock difference between issuers and this service.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>Asymmetric algorithms only: no <c>none</c>, no HMAC (a public key must never become a shared secret).</summary>
    public static readonly string[] AsymmetricAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    public static WebApplicationBuilder AddBearerAuthentication(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // One bearer scheme per issuer: the issuers are read (and validated) now.
        var settings = services.BindValidatedNow(
            builder.Configuration.GetSection(AuthenticationSettings.SectionName), new AuthenticationSettingsValidator());

        var issuerSchemes = settings.Issuers
            .Select(i => new KeyValuePair<string, string>(i.TokenIssuer, AuthSchemes.ForIssuer(i.Name)))
            .ToList();
        var devSection = builder.Configuration.GetSection("Authentication:Schemes:" + AuthSchemes.DevelopmentUserJwts);
        var useDevelopmentTokens = builder.Environment.IsDevelopment() && devSection.Exists();
        if (useDevelopmentTokens)
        {
            var devIssuers = devSection.GetSection("ValidIssuers").Get<string[]>()?.ToList() ?? [];
            devIssuers.Add(devSection["ValidIssuer"] ?? AuthSchemes.DevelopmentUserJwtsIssuer);
            issuerSchemes.AddRange(devIssuers.Distinct(StringComparer.Ordinal)
                .Select(i => new KeyValuePair<string, string>(i, AuthSchemes.DevelopmentUserJwts)));
        }

        var selector = new IssuerSchemeSelector(issuerSchemes);
        services.AddSingleton(selector);
        services.AddSingleton<AuthMetrics>();

        var bootstrapAdmins = ParseBootstrapAdmins(builder.Configuration.GetSection(BootstrapAdminsSection).Get<string[]>() ?? []);
        services.Configure<PrincipalOptions>(options =>
        {
            options.AutoProvisionUsers = settings.AutoProvisionUsers;
            foreach (var rule in bootstrapAdmins)
            {
                options.BootstrapAdmins.Add(rule);
            }

            foreach (var issuer in settings.Issuers)
            {
                options.Issuers.Add(new IssuerTrust(issuer.TokenIssuer, issuer.Purpose, issuer.TrustEmail, [.. issuer.RequiredClaimConditions]));
            }

            // Development user-jwts tokens are made on this machine by its developer: their emails are trusted,
            // so the documented dev flow (email: bootstrap rule + user-jwts token) keeps working.
            foreach (var issuer in issuerSchemes.Where(i => i.Value == AuthSchemes.DevelopmentUserJwts).Select(i => i.Key).Distinct(StringComparer.Ordinal))
            {
                options.Issuers.Add(new IssuerTrust(issuer, TrustEmail: true, EmailVerifiedWithoutClaim: true));
            }
        });

        var authentication = services.AddAuthentication(options =>
            {
                options.DefaultScheme = AuthSchemes.Selector;
                options.DefaultChallengeScheme = AuthSchemes.Selector;
            })
            .AddPolicyScheme(AuthSchemes.Selector, "Bearer token of a trusted issuer", options =>
                options.ForwardDefaultSelector = selector.SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, UnrecognizedTokenHandler>(AuthSchemes.Unrecognized, displayName: null, _ => { });

        foreach (var issuer in settings.Issuers)
        {
            var scheme = AuthSchemes.ForIssuer(issuer.Name);
            if (issuer.Kind == IssuerKind.Entra)
            {
                authentication.AddMicrosoftIdentityWebApi(
                    jwt => ConfigureIssuerBearer(jwt, issuer),
                    identity =>
                    {
                        identity.Authority = issuer.Authority;
                        identity.ClientId = EntraClientId(issuer);

                        // Authorization is decided from the resolved principal, not from scp/roles claims.
                        identity.AllowWebApiToBeAuthorizedByACL = true;
                    },
                    jwtBearerScheme: scheme);
            }
            else
            {
                authentication.AddJwtBearer(scheme, jwt => ConfigureIssuerBearer(jwt, issuer));
            }

            UseValidationCache(services, scheme, settings);
        }

        if (useDevelopmentTokens)
        {
            // The one HMAC exception, and only in Development: JwtBearer binds Authentication:Schemes:Bearer
            // (issuer, audiences, the signing key user-jwts keeps in user secrets) before this runs.
            authentication.AddJwtBearer(AuthSchemes.DevelopmentUserJwts, jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters.ClockSkew = ClockSkew;
                jwt.TokenValidationParameters.RequireSignedTokens = true;
                jwt.TokenValidationParameters.RequireExpirationTime = true;
                jwt.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
                jwt.Events = JwtBearerEventsFactory.Create("dotnet-user-jwts");
            });
            UseValidationCache(services, AuthSchemes.DevelopmentUserJwts, settings);
        }

        var policy = new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .AddRequirements(new ResolvedPrincipalRequirement())
            .Build();
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(policy)
            .SetFallbackPolicy(policy);
        services.AddSingleton<IAuthorizationHandler, ResolvedPrincipalHandler>();
        return builder;
    }

    private static void ConfigureIssuerBearer(JwtBearerOptions jwt, IssuerSettings issuer)
    {
        jwt.Authority = issuer.Authority;
        jwt.RequireHttpsMetadata = issuer.RequireHttpsMetadata;
        jwt.MapInboundClaims = false;
        jwt.SaveToken = false;

        // Keys come from the discovery document through the ConfigurationManager: cached, refreshed on an
        // unknown key id (rate-limited by RefreshInterval), never fetched per request.
        jwt.RefreshOnIssuerKeyNotFound = true;
        var parameters = jwt.TokenValidationParameters;
        parameters.ValidateIssuer = true;
        if (!string.IsNullOrWhiteSpace(issuer.Issuer))
        {
            parameters.ValidIssuer = issuer.Issuer;
        }

        parameters.ValidateAudience = true;
        parameters.ValidAudiences = issuer.Audiences;
        parameters.ValidateLifetime = true;
        parameters.RequireExpirationTime = true;
        parameters.ClockSkew = ClockSkew;
        parameters.ValidateIssuerSigningKey = true;
        parameters.RequireSignedTokens = true;
        parameters.ValidAlgorithms = AsymmetricAlgorithms;
        parameters.NameClaimType = "name";
        parameters.RoleClaimType = "roles";
        jwt.Events = JwtBearerEventsFactory.Create(issuer.Name);
    }

    /// <summary>
    /// Validates the scheme's tokens with a <see cref="CachingJsonWebTokenHandler"/> instead of JwtBearer's default
    /// <c>JsonWebTokenHandler</c> (unless <c>ValidationCacheSeconds</c> or <c>ValidationCacheSize</c> is 0). Registered
    /// after the scheme's own configuration (and Microsoft.Identity.Web's), so it copies the final
    /// <c>MapInboundClaims</c>: JwtBearer only sets that on the handler it created itself.
    /// </summary>
    private static void UseValidationCache(IServiceCollection services, string scheme, AuthenticationSettings settings)
    {
        if (settings.ValidationCacheSeconds == 0 || settings.ValidationCacheSize == 0)
        {
            return;
        }

        var maxAge = TimeSpan.FromSeconds(settings.ValidationCacheSeconds);
        services.AddOptions<JwtBearerOptions>(scheme).Configure<TimeProvider>((jwt, clock) =>
        {
            jwt.TokenHandlers.Clear();
            jwt.TokenHandlers.Add(new CachingJsonWebTokenHandler(clock, maxAge, settings.ValidationCacheSize)
            {
                MapInboundClaims = jwt.MapInboundClaims,
            });
        });
    }

    private static string EntraClientId(IssuerSettings issuer)
    {
        var audience = issuer.Audiences[0];
        return audience.StartsWith("api://", StringComparison.OrdinalIgnoreCase) ? audience["api://".Length..] : audience;
    }

    private static List<BootstrapAdminRule> ParseBootstrapAdmins(string[] entries)
    {
        var rules = new List<BootstrapAdminRule>();
        foreach (var (entry, index) in entries.Select((entry, index) => (entry, index)))
        {
            if (!BootstrapAdminRule.TryParse(entry, out var rule))
            {
                throw new InvalidOperationException(
                    $"{BootstrapAdminsSection}:{index} must be 'sub:ISSUER|SUBJECT', 'email:ISSUER|ADDRESS' or 'email:ADDRESS'.");
            }

            rules.Add(rule);
        }

        return rules;
    }
}
