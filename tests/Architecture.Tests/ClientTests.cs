using System.Reflection;
using static RunnerTokens.Architecture.Tests.ArchitectureRules;

namespace RunnerTokens.Architecture.Tests;

/// <summary>
/// The client package is built from the published contract (docs/openapi/v1.json) alone, and the CLI from the
/// client alone: neither may reach for the server's types, or the contract would stop being the only truth
/// they share with other clients.
/// </summary>
public sealed class ClientTests
{
    private const string OurAssemblies = "RunnerTokens.";
    private static readonly Assembly Client = typeof(RunnerTokens.Client.RunnerTokensClient).Assembly;
    private static readonly Assembly Cli = Assembly.Load("runnertokens");

    [Test]
    public void The_client_references_none_of_the_servers_assemblies() =>
        ForbiddenReferences(Client, [OurAssemblies]).ShouldBeEmpty();

    [Test]
    public void The_cli_references_only_the_client_of_our_assemblies() =>
        ForbiddenReferences(Cli, [OurAssemblies]).ShouldBe([Client.GetName().Name!]);

    [Test]
    public void The_reference_rule_sees_the_servers_own_references() =>
        ForbiddenReferences(Layers.Api, [OurAssemblies]).ShouldContain(Layers.Application.GetName().Name!);
}
