using RunnerTokens.Api.FunctionalTests.OpenApi;

namespace RunnerTokens.Api.FunctionalTests;

/// <summary>
/// After the run (root namespace: after every test): when the run called every documented operation (the whole
/// suite, not a filtered part), every schema the document declares must have been exercised by a real body
/// (<see cref="ContractValidatingHandler"/>): a schema no traffic checks could drift unnoticed.
/// </summary>
[SetUpFixture]
public sealed class ContractCoverage
{
    [OneTimeTearDown]
    public void EverySchemaWasExercised()
    {
        var contract = OpenApiContract.Committed;
        var uncalled = contract.OperationNames.Where(o => !contract.Called.ContainsKey(o)).ToList();
        if (uncalled.Count > 0)
        {
            TestContext.Progress.WriteLine($"OpenAPI contract coverage not checked: {uncalled.Count} operations not called in this run (a filtered run?), e.g. {uncalled[0]}");
            return;
        }

        var unexercised = contract.SchemaNames.Where(s => !contract.Exercised.ContainsKey(s)).Order(StringComparer.Ordinal).ToList();
        TestContext.Progress.WriteLine($"OpenAPI contract coverage: {contract.OperationNames.Count} operations called, {contract.SchemaNames.Count - unexercised.Count}/{contract.SchemaNames.Count} schemas exercised");
        if (unexercised.Count > 0)
        {
            Assert.Fail("No functional test response or accepted request exercised these OpenAPI schemas: " + string.Join(", ", unexercised));
        }
    }
}
