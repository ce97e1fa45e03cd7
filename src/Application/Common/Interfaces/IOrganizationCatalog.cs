namespace RunnerTokens.Application.Common.Interfaces;

/// <summary>The GitHub organizations this service is configured to provision into.</summary>
public interface IOrganizationCatalog
{
    /// <summary>
    /// The configured organization names, as configured; empty when none are configured, in which case
    /// a team may name any valid GitHub organization.
    /// </summary>
    IReadOnlyList<string> ConfiguredOrganizations { get; }
}
