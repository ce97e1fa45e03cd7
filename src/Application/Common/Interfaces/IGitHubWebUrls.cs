namespace RunnerTokens.Application.Common.Interfaces;

/// <summary>GitHub's web addresses (not the API's), for the commands handed to runner machines.</summary>
public interface IGitHubWebUrls
{
    /// <summary>For example <c>https://github.com/acme</c>, or <c>https://ghes.example.com/acme</c> on Enterprise Server.</summary>
    Uri OrganizationUrl(string organization);
}
