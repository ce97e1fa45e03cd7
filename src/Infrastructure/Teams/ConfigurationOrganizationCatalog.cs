using Microsoft.Extensions.Configuration;
using RunnerTokens.Application.Common.Interfaces;

namespace RunnerTokens.Infrastructure.Teams;

/// <summary>
/// Reads the configured GitHub organizations from <c>GitHub:Organizations:N:Name</c>. The GitHub section
/// itself (and its options type) belongs to the GitHub integration; this reads only the names, on each
/// call, so a configuration reload is seen.
/// </summary>
internal sealed class ConfigurationOrganizationCatalog(IConfiguration configuration) : IOrganizationCatalog
{
    public const string SectionName = "GitHub:Organizations";

    public IReadOnlyList<string> ConfiguredOrganizations =>
        [.. configuration.GetSection(SectionName).GetChildren()
            .Select(child => child["Name"]?.Trim())
            .Where(name => !string.IsNullOrEmpty(name))
            .Select(name => name!)
            .Distinct(StringComparer.OrdinalIgnoreCase)];
}
