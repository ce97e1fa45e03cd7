// A deliberate violation of "the inner layers do not depend on the simulator": the rule's test must reject it. Never imitate.
using RunnerTokens.GitHub.Simulator;

namespace RunnerTokens.Architecture.Tests.Violations.SimulatorUse;

public sealed class InfrastructureTypeUsingTheSimulator
{
    public GitHubSimulator? Simulator { get; init; }
}
