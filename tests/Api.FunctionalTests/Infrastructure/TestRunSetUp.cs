using RunnerTokens.Api.FunctionalTests.Infrastructure;

namespace RunnerTokens.Api.FunctionalTests;

/// <summary>Stops the shared test issuer server after the last test of the run (root namespace: covers every test).</summary>
[SetUpFixture]
public sealed class TestRunSetUp
{
    [OneTimeTearDown]
    public async Task StopIssuers()
    {
        if (TestIssuerServer.IsStarted)
        {
            await TestIssuerServer.Shared.DisposeAsync();
        }
    }
}
