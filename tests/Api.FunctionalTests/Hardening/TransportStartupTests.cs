using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Application.Identity.GetCurrentPrincipal;

namespace RunnerTokens.Api.FunctionalTests.Hardening;

/// <summary>
/// Outside Development the service refuses plain-HTTP GitHub and issuer metadata unless
/// <c>AllowInsecureTransport=true</c> (then it warns at start), refuses a short webhook secret whatever the
/// setting, and the Development token scheme never takes over a configured issuer's tokens.
/// </summary>
public sealed class TransportStartupTests
{
    private const string LongSecret = "0123456789abcdef0123456789abcdef";

    [Test]
    public async Task Issuer_metadata_over_plain_http_is_refused_without_AllowInsecureTransport()
    {
        await using var factory = new RunnerTokensApiFactory(new ApiFactoryOptions
        {
            Settings = new Dictionary<string, string?> { ["AllowInsecureTransport"] = "false" },
        });

        var message = StartupFailure(factory);

        message.ShouldContain("Authentication:Issuers:0:RequireHttpsMetadata=false");
        message.ShouldContain("AllowInsecureTransport=true");
    }

    [Test]
    public async Task A_plain_http_GitHub_api_is_refused_without_AllowInsecureTransport()
    {
        await using var factory = new RunnerTokensApiFactory(new ApiFactoryOptions
        {
            Environment = "Production",
            Settings = new Dictionary<string, string?>
            {
                ["AllowInsecureTransport"] = "false",
                ["GitHub:ApiBaseUrl"] = "http://github.example.internal/api/v3",
            },
        });

        StartupFailure(factory).ShouldContain("GitHub:ApiBaseUrl with http://");
    }

    [Test]
    public async Task AllowInsecureTransport_starts_and_warns_naming_the_insecure_settings()
    {
        var logs = new CapturingLoggerProvider();
        await using var factory = new RunnerTokensApiFactory(new ApiFactoryOptions
        {
            Settings = new Dictionary<string, string?> { ["GitHub:ApiBaseUrl"] = "http://github.example.internal/api/v3" },
            ConfigureServices = services => services.AddSingleton<ILoggerProvider>(logs),
        });

        (await factory.CreateClient().GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var warning = logs.Lines.Where(line => line.Contains("AllowInsecureTransport=true", StringComparison.Ordinal)).ShouldHaveSingleItem();
        warning.ShouldContain("Warning");
        warning.ShouldContain("GitHub:ApiBaseUrl with http://");
        warning.ShouldContain("RequireHttpsMetadata=false");
    }

    [TestCase("true")]
    [TestCase("false")]
    public async Task A_webhook_secret_shorter_than_32_characters_is_refused_whatever_AllowInsecureTransport_says(string allowInsecure)
    {
        await using var factory = new RunnerTokensApiFactory(new ApiFactoryOptions
        {
            Settings = new Dictionary<string, string?>
            {
                ["AllowInsecureTransport"] = allowInsecure,
                ["GitHub:WebhookSecret"] = LongSecret[..31],
            },
        });

        StartupFailure(factory).ShouldContain("GitHub:WebhookSecret must be at least 32 characters");
    }

    [Test]
    public async Task A_webhook_secret_of_32_characters_starts()
    {
        await using var factory = new RunnerTokensApiFactory(new ApiFactoryOptions
        {
            Settings = new Dictionary<string, string?> { ["GitHub:WebhookSecret"] = LongSecret },
        });

        (await factory.CreateClient().GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task In_development_the_user_jwts_scheme_cannot_take_over_a_configured_issuer()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var primary = TestIssuerServer.Shared.Primary;
        await using var factory = new RunnerTokensApiFactory(new ApiFactoryOptions
        {
            Environment = "Development",
            Settings = new Dictionary<string, string?>
            {
                // A user-jwts configuration that claims the configured issuer's identifier as its own.
                ["Authentication:Schemes:Bearer:ValidIssuer"] = "dotnet-user-jwts",
                ["Authentication:Schemes:Bearer:ValidIssuers:0"] = primary.IssuerId,
                ["Authentication:Schemes:Bearer:ValidAudiences:0"] = primary.DefaultAudience,
                ["Authentication:Schemes:Bearer:SigningKeys:0:Id"] = "test",
                ["Authentication:Schemes:Bearer:SigningKeys:0:Issuer"] = primary.IssuerId,
                ["Authentication:Schemes:Bearer:SigningKeys:0:Value"] = Convert.ToBase64String(key),
                ["Authentication:Schemes:Bearer:SigningKeys:0:Length"] = "32",
                ["Authorization:BootstrapAdmins:0"] = "email:mallory@example.com",
            },
        });
        var alice = await factory.SeedUserAsync("alice-" + Guid.NewGuid().ToString("N")[..8]);

        var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = primary.IssuerId,
            Audience = primary.DefaultAudience,
            Claims = new Dictionary<string, object> { ["sub"] = "mallory", ["email"] = "mallory@example.com" },
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });

        var genuine = await factory.CreateClient(alice.Token()).GetAsync("/api/v1/me");
        (await genuine.ShouldBeJsonAsync<CurrentPrincipalDto>()).Email.ShouldBe(alice.Email);
        var response = await factory.CreateClient(forged).GetAsync("/api/v1/me");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "an HMAC token naming the configured issuer must be checked by that issuer");
    }

    /// <summary>Starts the host and returns the messages of the exception that stopped it.</summary>
    private static string StartupFailure(RunnerTokensApiFactory factory)
    {
        var exception = Should.Throw<Exception>(() => factory.CreateClient());
        var messages = new List<string>();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            messages.Add(current.Message);
        }

        return string.Join(" | ", messages);
    }
}
