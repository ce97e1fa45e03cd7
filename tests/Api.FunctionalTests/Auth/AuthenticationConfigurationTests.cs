using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RunnerTokens.Api.Auth;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Application.Identity.GetCurrentPrincipal;

namespace RunnerTokens.Api.FunctionalTests.Auth;

/// <summary>How the issuer configuration is turned into schemes, and what a bad configuration does.</summary>
public sealed class AuthenticationConfigurationTests
{
    [Test]
    public async Task Each_issuer_gets_a_bearer_scheme_accepting_asymmetric_algorithms_only_with_a_small_skew()
    {
        await using var factory = new RunnerTokensApiFactory();

        var options = factory.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(AuthSchemes.ForIssuer("primary"));

        options.Authority.ShouldBe(factory.Issuers.Primary.Authority);
        options.MapInboundClaims.ShouldBeFalse();
        options.RefreshOnIssuerKeyNotFound.ShouldBeTrue();
        var parameters = options.TokenValidationParameters;
        parameters.ValidAudiences.ShouldBe([factory.Issuers.Primary.DefaultAudience]);
        parameters.ClockSkew.ShouldBe(TimeSpan.FromSeconds(30));
        parameters.ValidateIssuer.ShouldBeTrue();
        parameters.ValidateLifetime.ShouldBeTrue();
        parameters.RequireSignedTokens.ShouldBeTrue();
        parameters.ValidAlgorithms.ShouldNotBeNull().ShouldNotContain(a => a.StartsWith("HS", StringComparison.Ordinal) || a == "none");
        parameters.ValidAlgorithms.ShouldContain(SecurityAlgorithms.RsaSha256);
        parameters.ValidAlgorithms.ShouldContain(SecurityAlgorithms.EcdsaSha256);
        options.TokenHandlers.ShouldHaveSingleItem().ShouldBeOfType<CachingJsonWebTokenHandler>().MapInboundClaims.ShouldBeFalse();
    }

    [Test]
    public async Task An_entra_issuer_is_configured_through_microsoft_identity_web()
    {
        const string tenant = "11111111-2222-3333-4444-555555555555";
        await using var factory = new RunnerTokensApiFactory(new ApiFactoryOptions
        {
            Settings = new Dictionary<string, string?>
            {
                ["Authentication:Issuers:3:Name"] = "corp",
                ["Authentication:Issuers:3:Kind"] = "Entra",
                ["Authentication:Issuers:3:Authority"] = $"https://login.microsoftonline.com/{tenant}/v2.0",
                ["Authentication:Issuers:3:Audiences:0"] = "api://runnertokens",
            },
        });

        var options = factory.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(AuthSchemes.ForIssuer("corp"));

        options.Authority.ShouldBe($"https://login.microsoftonline.com/{tenant}/v2.0");
        options.TokenValidationParameters.ValidAudiences.ShouldBe(["api://runnertokens"]);
        options.TokenValidationParameters.ValidAlgorithms.ShouldNotBeNull().ShouldNotContain(SecurityAlgorithms.HmacSha256);
        options.TokenValidationParameters.IssuerValidator.ShouldNotBeNull("Microsoft.Identity.Web validates Entra issuers (tenant-aware)");
        options.MapInboundClaims.ShouldBeFalse();
        options.TokenHandlers.ShouldHaveSingleItem().ShouldBeOfType<CachingJsonWebTokenHandler>().MapInboundClaims.ShouldBeFalse();
    }

    [TestCase("Authentication:ValidationCacheSeconds")]
    [TestCase("Authentication:ValidationCacheSize")]
    public async Task Zero_turns_the_validation_cache_off_leaving_jwt_bearers_own_token_handler(string key)
    {
        await using var factory = new RunnerTokensApiFactory(new ApiFactoryOptions { Settings = new Dictionary<string, string?> { [key] = "0" } });

        var options = factory.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(AuthSchemes.ForIssuer("primary"));

        options.TokenHandlers.ShouldHaveSingleItem().ShouldBeOfType<JsonWebTokenHandler>().MapInboundClaims.ShouldBeFalse();
    }

    [TestCase("Authentication:Issuers:0:Authority", "not a url", "Authentication:Issuers:0:Authority must be an absolute http(s) URL.")]
    [TestCase("Authentication:Issuers:0:Audiences:0", "", "Authentication:Issuers:0:Audiences needs at least one non-empty audience.")]
    [TestCase("Authentication:Issuers:1:Name", "primary", "Authentication:Issuers:1:Name must be unique, 1-50 letters, digits, '-' or '_'.")]
    [TestCase("Authentication:Issuers:0:RequireHttpsMetadata", "true", "Authentication:Issuers:0:Authority must use https unless RequireHttpsMetadata is false.")]
    [TestCase("Authentication:ValidationCacheSeconds", "-1", "Authentication:ValidationCacheSeconds must be 0 (no cache) or a number of seconds.")]
    [TestCase("Authentication:ValidationCacheSize", "-1", "Authentication:ValidationCacheSize must be 0 (no cache) or a number of entries.")]
    public async Task A_bad_authentication_setting_stops_the_service_at_start_up_naming_the_key(string key, string value, string message)
    {
        await using var factory = new RunnerTokensApiFactory(new ApiFactoryOptions { Settings = new Dictionary<string, string?> { [key] = value } });

        var failure = Should.Throw<OptionsValidationException>(() => factory.Server);

        failure.Failures.ShouldBe([message]);
    }

    [TestCase("Authorization:BootstrapAdmins:0", "alice@example.com")]
    [TestCase("Authorization:BootstrapAdmins:0", "sub:no-bar")]
    public async Task A_bad_bootstrap_admin_stops_the_service_at_start_up_naming_the_key(string key, string value)
    {
        await using var factory = new RunnerTokensApiFactory(new ApiFactoryOptions { Settings = new Dictionary<string, string?> { [key] = value } });

        var failure = Should.Throw<InvalidOperationException>(() => factory.Server);

        failure.Message.ShouldContain(key);
    }

    [Test]
    public async Task In_development_dotnet_user_jwts_tokens_are_accepted()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        await using var factory = new RunnerTokensApiFactory(new ApiFactoryOptions
        {
            Environment = "Development",
            Settings = UserJwtsSettings(key, "alice@example.com"),
        });

        var client = factory.CreateClient(UserJwtsToken(key));

        var me = await (await client.GetAsync("/api/v1/me")).ShouldBeJsonAsync<CurrentPrincipalDto>();
        var again = await (await client.GetAsync("/api/v1/me")).ShouldBeJsonAsync<CurrentPrincipalDto>();

        me.IsAdmin.ShouldBeTrue();
        me.Email.ShouldBe("alice@example.com");
        again.Id.ShouldBe(me.Id);
        var handler = factory.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(AuthSchemes.DevelopmentUserJwts).TokenHandlers
            .ShouldHaveSingleItem().ShouldBeOfType<CachingJsonWebTokenHandler>();
        handler.MapInboundClaims.ShouldBeFalse();
        handler.Count.ShouldBe(1, "the HMAC scheme caches too (static keys)");
    }

    [Test]
    public async Task Outside_development_the_same_user_jwts_configuration_is_ignored()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        await using var factory = new RunnerTokensApiFactory(new ApiFactoryOptions { Settings = UserJwtsSettings(key, "alice@example.com") });

        var response = await factory.CreateClient(UserJwtsToken(key)).GetAsync("/api/v1/me");

        await response.ShouldBeUnauthorizedAsync(BearerChallenge.InvalidToken);
    }

    [Test]
    public async Task Each_factory_has_its_own_sqlite_file_in_a_temp_folder()
    {
        await using var first = new RunnerTokensApiFactory();
        await using var second = new RunnerTokensApiFactory();

        var a = first.EffectiveSettings["ConnectionStrings:RunnerTokens"].ShouldNotBeNull();
        var b = second.EffectiveSettings["ConnectionStrings:RunnerTokens"].ShouldNotBeNull();
        a.ShouldNotBe(b);
        a.ShouldContain(Path.GetTempPath());
        var used = await first.WithDbAsync(db => Task.FromResult(db.Database.GetDbConnection().DataSource));
        a.ShouldContain(used);
    }

    /// <summary>What <c>dotnet user-jwts create</c> puts in user secrets and appsettings.Development.json.</summary>
    private static Dictionary<string, string?> UserJwtsSettings(byte[] key, string bootstrapEmail) => new()
    {
        ["Authentication:Schemes:Bearer:ValidIssuer"] = "dotnet-user-jwts",
        ["Authentication:Schemes:Bearer:ValidAudiences:0"] = "http://localhost:5271",
        ["Authentication:Schemes:Bearer:SigningKeys:0:Id"] = "test",
        ["Authentication:Schemes:Bearer:SigningKeys:0:Issuer"] = "dotnet-user-jwts",
        ["Authentication:Schemes:Bearer:SigningKeys:0:Value"] = Convert.ToBase64String(key),
        ["Authentication:Schemes:Bearer:SigningKeys:0:Length"] = "32",
        ["Authorization:BootstrapAdmins:0"] = $"email:{bootstrapEmail}",
    };

    /// <summary>The shape of a <c>dotnet user-jwts</c> token: HS256, unique_name, sub, jti, email, aud list.</summary>
    private static string UserJwtsToken(byte[] key) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "dotnet-user-jwts",
        Claims = new Dictionary<string, object>
        {
            ["unique_name"] = "alice",
            ["sub"] = "alice",
            ["jti"] = "5a7da84d",
            ["email"] = "alice@example.com",
            ["aud"] = new[] { "http://localhost:5271", "https://localhost:7119" },
        },
        Expires = DateTime.UtcNow.AddHours(1),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
    });
}
