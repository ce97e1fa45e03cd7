// A deliberate violation of "Infrastructure does not depend on Api": the rule's test must reject it. Never imitate.
using RunnerTokens.Api.Controllers;

namespace RunnerTokens.Architecture.Tests.Violations.InfrastructureLayer;

public sealed class InfrastructureTypeUsingApi
{
    public ApiControllerBase? Controller { get; init; }
}
