using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.GitHub.Simulator;

namespace RunnerTokens.Api.FunctionalTests.Runners;

/// <summary>The host adds the in-memory GitHub when <c>GitHub:Mode</c> is Simulator, and only then.</summary>
[TestFixture("Simulator")]
[TestFixture("GitHub")]
public sealed class GitHubSimulatorHostingTests(string mode) : FunctionalTestBase
{
    private static readonly string PrivateKeyPem = RSA.Create(2048).ExportRSAPrivateKeyPem();

    protected override ApiFactoryOptions FactoryOptions => new()
    {
        Settings = new Dictionary<string, string?>
        {
            ["GitHub:Mode"] = mode,
            ["GitHub:AppId"] = "12345",
            ["GitHub:PrivateKey"] = PrivateKeyPem,
            ["GitHub:Organizations:0:Name"] = "acme",
        },
    };

    [Test]
    public void The_simulator_is_registered_in_Simulator_mode_only()
    {
        var simulator = Factory.Services.GetService<GitHubSimulator>();

        if (mode == "Simulator")
        {
            simulator.ShouldNotBeNull();
        }
        else
        {
            simulator.ShouldBeNull();
        }
    }
}
