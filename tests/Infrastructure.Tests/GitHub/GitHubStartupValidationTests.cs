using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RunnerTokens.GitHub.Simulator;
using RunnerTokens.Infrastructure.GitHub;
using RunnerTokens.Infrastructure.GitHub.Options;
using RunnerTokens.Infrastructure.Tests.GitHub.Support;

namespace RunnerTokens.Infrastructure.Tests.GitHub;

/// <summary>The host refuses to start on a bad <c>GitHub</c> section, with messages that name the setting.</summary>
public sealed class GitHubStartupValidationTests
{
    private string _folder = null!;

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("runnertokens-github-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task GitHub_mode_without_credentials_names_every_missing_setting()
    {
        var errors = await StartFailsAsync(Environments.Production, new() { ["GitHub:Mode"] = "GitHub" });

        errors.ShouldContain("GitHub:AppId is required");
        errors.ShouldContain("GitHub:PrivateKeyPath (a PEM file) or GitHub:PrivateKey (PEM text) is required");
        errors.ShouldContain("GitHub:Organizations is empty");
    }

    [Test]
    public async Task Outside_Development_the_default_mode_is_GitHub_and_so_needs_credentials()
    {
        var errors = await StartFailsAsync(Environments.Production, []);

        errors.ShouldContain("GitHub:AppId is required");
    }

    [Test]
    public async Task An_unreadable_key_file_is_named()
    {
        var missing = Path.Combine(_folder, "missing.pem");

        var errors = await StartFailsAsync(Environments.Production, Valid(("GitHub:PrivateKey", null), ("GitHub:PrivateKeyPath", missing)));

        errors.ShouldContain($"GitHub:PrivateKeyPath '{missing}' cannot be read");
    }

    [Test]
    public async Task A_key_file_without_an_RSA_key_is_named()
    {
        var path = Path.Combine(_folder, "not-a-key.pem");
        await File.WriteAllTextAsync(path, "hello");

        var errors = await StartFailsAsync(Environments.Production, Valid(("GitHub:PrivateKey", null), ("GitHub:PrivateKeyPath", path)));

        errors.ShouldContain("GitHub:PrivateKeyPath does not hold an RSA private key in PEM format");
    }

    [Test]
    public async Task An_EC_key_is_not_an_RSA_key_and_is_not_echoed()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = ec.ExportECPrivateKeyPem();

        var errors = await StartFailsAsync(Environments.Production, Valid(("GitHub:PrivateKey", pem)));

        errors.ShouldContain("GitHub:PrivateKey does not hold an RSA private key in PEM format");
        errors.ShouldNotContain(pem.Split('\n')[1]);
    }

    [Test]
    public async Task A_public_key_is_not_a_private_key()
    {
        var errors = await StartFailsAsync(Environments.Production, Valid(("GitHub:PrivateKey", TestKeys.PublicPem)));

        errors.ShouldContain("GitHub:PrivateKey does not hold an RSA private key");
    }

    [Test]
    public async Task A_bad_api_base_url_and_organization_entries_are_named()
    {
        var errors = await StartFailsAsync(Environments.Production, Valid(
            ("GitHub:ApiBaseUrl", "api.github.com"),
            ("GitHub:Organizations:1:Name", "OCTO-ORG"),
            ("GitHub:Organizations:2:InstallationId", "0")));

        errors.ShouldContain("GitHub:ApiBaseUrl 'api.github.com' is not an absolute http(s) URL");
        errors.ShouldContain("GitHub:Organizations:1:Name 'OCTO-ORG' is listed twice");
        errors.ShouldContain("GitHub:Organizations:2:Name is required");
        errors.ShouldContain("GitHub:Organizations:2:InstallationId must be a positive number");
    }

    [Test]
    public async Task Resilience_settings_out_of_range_are_named()
    {
        var errors = await StartFailsAsync(Environments.Production, Valid(
            ("GitHub:Resilience:TotalTimeout", "00:00:01"),
            ("GitHub:Resilience:AttemptTimeout", "00:00:05"),
            ("GitHub:Resilience:BreakerMinimumThroughput", "1")));

        errors.ShouldContain("GitHub:Resilience:TotalTimeout must be at least GitHub:Resilience:AttemptTimeout");
        errors.ShouldContain("GitHub:Resilience:BreakerMinimumThroughput must be at least 2");
    }

    [Test]
    public async Task Production_refuses_the_simulator_unless_explicitly_allowed()
    {
        var errors = await StartFailsAsync(Environments.Production, new() { ["GitHub:Mode"] = "Simulator" });
        errors.ShouldContain("GitHub:Mode is Simulator in Production");
        errors.ShouldContain("GitHub:AllowSimulatorInProduction=true");

        using var allowed = await StartAsync(Environments.Production, new() { ["GitHub:Mode"] = "Simulator", ["GitHub:AllowSimulatorInProduction"] = "true" });
        allowed.Services.GetRequiredService<GitHubSimulator>().ShouldNotBeNull();
    }

    [Test]
    public async Task Development_defaults_to_the_simulator_and_needs_no_GitHub_App()
    {
        using var host = await StartAsync(Environments.Development, []);

        host.Services.GetRequiredService<IOptions<GitHubOptions>>().Value.EffectiveMode.ShouldBe(GitHubMode.Simulator);
        host.Services.GetRequiredService<GitHubSimulator>().ShouldNotBeNull();
    }

    [Test]
    public async Task A_valid_key_file_starts_the_host()
    {
        var path = Path.Combine(_folder, "app.pem");
        await File.WriteAllTextAsync(path, TestKeys.PrivatePem);

        using var host = await StartAsync(Environments.Production, Valid(("GitHub:PrivateKey", null), ("GitHub:PrivateKeyPath", path)));

        host.Services.GetRequiredService<IOptions<GitHubOptions>>().Value.EffectiveMode.ShouldBe(GitHubMode.GitHub);
    }

    [Test]
    public async Task A_key_injected_as_one_line_with_escaped_newlines_is_accepted()
    {
        using var host = await StartAsync(Environments.Production, Valid(("GitHub:PrivateKey", TestKeys.PrivatePem.Replace("\n", "\\n", StringComparison.Ordinal))));

        host.Services.GetRequiredService<IOptions<GitHubOptions>>().Value.PrivateKey.ShouldNotBeNull();
    }

    private static Dictionary<string, string?> Valid(params (string Key, string? Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["GitHub:Mode"] = "GitHub",
            ["GitHub:AppId"] = "12345",
            ["GitHub:PrivateKey"] = TestKeys.PrivatePem,
            ["GitHub:Organizations:0:Name"] = "octo-org",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return settings;
    }

    private async Task<string> StartFailsAsync(string environment, Dictionary<string, string?> settings)
    {
        var exception = await Should.ThrowAsync<Exception>(async () =>
        {
            using var host = await StartAsync(environment, settings);
        });
        var validation = exception as OptionsValidationException
            ?? (exception as AggregateException)?.InnerExceptions.OfType<OptionsValidationException>().FirstOrDefault()
            ?? throw new AssertionException($"Expected an options validation failure, got {exception}");
        return string.Join('\n', validation.Failures);
    }

    private async Task<IHost> StartAsync(string environment, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = environment,
            ContentRootPath = _folder,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddGitHub(builder.Configuration, builder.Environment);
        if (GitHubRegistration.ModeFor(builder.Configuration, builder.Environment) == GitHubMode.Simulator)
        {
            builder.Services.AddGitHubSimulator(); // As the host does.
        }

        var host = builder.Build();
        try
        {
            await host.StartAsync();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}
