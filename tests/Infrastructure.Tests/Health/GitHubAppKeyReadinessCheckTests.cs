using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using RunnerTokens.Infrastructure.GitHub.Auth;
using RunnerTokens.Infrastructure.GitHub.Options;
using RunnerTokens.Infrastructure.Health;
using RunnerTokens.Infrastructure.Tests.GitHub.Support;

namespace RunnerTokens.Infrastructure.Tests.Health;

/// <summary>Readiness needs the GitHub App key in GitHub mode (never a call to GitHub); the simulator needs none.</summary>
public sealed class GitHubAppKeyReadinessCheckTests
{
    [Test]
    public async Task A_loadable_key_is_ready()
    {
        var result = await CheckAsync(new GitHubOptions { Mode = GitHubMode.GitHub, AppId = "1", PrivateKey = TestKeys.PrivatePem });

        result.Status.ShouldBe(HealthStatus.Healthy);
    }

    [Test]
    public async Task A_key_file_that_cannot_be_read_is_unready_and_the_reason_names_the_setting_not_the_key()
    {
        var result = await CheckAsync(new GitHubOptions { Mode = GitHubMode.GitHub, AppId = "1", PrivateKeyPath = "/nonexistent/app.pem" });

        result.Status.ShouldBe(HealthStatus.Unhealthy);
        result.Description.ShouldNotBeNull().ShouldContain("GitHub:PrivateKeyPath");
    }

    [Test]
    public async Task Text_that_is_not_a_key_is_unready()
    {
        var result = await CheckAsync(new GitHubOptions { Mode = GitHubMode.GitHub, AppId = "1", PrivateKey = "not a key" });

        result.Status.ShouldBe(HealthStatus.Unhealthy);
        result.Description.ShouldNotBeNull().ShouldNotContain("not a key");
    }

    [Test]
    public async Task The_simulator_needs_no_key()
    {
        var result = await CheckAsync(new GitHubOptions { Mode = GitHubMode.Simulator });

        result.Status.ShouldBe(HealthStatus.Healthy);
    }

    private static async Task<HealthCheckResult> CheckAsync(GitHubOptions settings)
    {
        var options = Options.Create(settings);
        using var credentials = new GitHubAppCredentials(options, new HostingEnvironment { ContentRootPath = AppContext.BaseDirectory });
        return await new GitHubAppKeyReadinessCheck(options, credentials).CheckHealthAsync(new HealthCheckContext());
    }
}
