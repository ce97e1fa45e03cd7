using RunnerTokens.Application.Common.Interfaces;

namespace RunnerTokens.Application.Tests.Infrastructure;

/// <summary>No organizations configured unless a test sets some.</summary>
public sealed class FakeOrganizationCatalog : IOrganizationCatalog
{
    public List<string> Organizations { get; } = [];

    public IReadOnlyList<string> ConfiguredOrganizations => Organizations;
}
