namespace RunnerTokens.Infrastructure.GitHub.Options;

/// <summary>One entry of <c>GitHub:Organizations</c>.</summary>
public sealed class GitHubOrganizationOptions
{
    /// <summary><c>GitHub:Organizations:N:Name</c>: the organization login (case-insensitive).</summary>
    public string? Name { get; set; }

    /// <summary>
    /// <c>GitHub:Organizations:N:InstallationId</c>: the App's installation id in that organization. When missing
    /// it is looked up once with <c>GET /orgs/{org}/installation</c> (App JWT) and cached.
    /// </summary>
    public long? InstallationId { get; set; }
}
