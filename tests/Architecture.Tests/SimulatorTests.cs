using System.Reflection;
using RunnerTokens.Architecture.Tests.Violations.SimulatorUse;
using RunnerTokens.GitHub.Simulator;
using static RunnerTokens.Architecture.Tests.ArchitectureRules;

namespace RunnerTokens.Architecture.Tests;

/// <summary>
/// The in-memory GitHub (RunnerTokens.GitHub.Simulator) is wired in by the host and used by tests; Domain,
/// Application and Infrastructure neither use its types nor reference its assembly. Each check also runs on a
/// deliberate violation (must fail), and the host's real reference proves the assembly name is the right one.
/// </summary>
public sealed class SimulatorTests
{
    private static readonly Assembly[] Inner = [Layers.Domain, Layers.Application, Layers.Infrastructure];

    [Test]
    public void Domain_application_and_infrastructure_do_not_depend_on_the_simulator()
    {
        foreach (var layer in Inner)
        {
            DoesNotDependOnTheSimulator(Scope.Assembly(layer)).ShouldPass($"{layer.GetName().Name} does not depend on the simulator");
            ForbiddenReferences(layer, [Simulator]).ShouldBeEmpty($"{layer.GetName().Name} does not reference the simulator");
        }
    }

    [Test]
    public void Simulator_rule_rejects_a_type_using_the_simulator() =>
        DoesNotDependOnTheSimulator(Scope.Namespace(Layers.Tests, $"{Layers.Violations}.SimulatorUse"))
            .ShouldFailFor("Inner layers do not depend on the simulator", typeof(InfrastructureTypeUsingTheSimulator));

    [Test]
    public void Simulator_reference_rule_rejects_assemblies_that_reference_it()
    {
        // The test assembly (through the fixture) and the host both reference the simulator: the rule must see it.
        ForbiddenReferences(Layers.Tests, [Simulator]).ShouldBe([Simulator]);
        ForbiddenReferences(Layers.Api, [Simulator]).ShouldBe([Simulator]);
        typeof(GitHubSimulator).Assembly.GetName().Name.ShouldBe(Simulator);
    }
}
