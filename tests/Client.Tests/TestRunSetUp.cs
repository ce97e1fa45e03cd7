using RunnerTokens.Api.FunctionalTests.Infrastructure;

namespace RunnerTokens.Client.Tests;

/// <summary>Stops the shared test issuer server after the last test of this assembly.</summary>
[SetUpFixture]
public sealed class TestRunSetUp
{
    // TestIssuerServer.IsStarted is internal to the functional tests: stopping it starts it first when no test used it.
    [OneTimeTearDown]
    public async Task StopIssuers() => await TestIssuerServer.Shared.DisposeAsync();
}
