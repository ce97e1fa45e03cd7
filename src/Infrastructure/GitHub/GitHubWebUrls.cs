using Microsoft.Extensions.Options;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Infrastructure.GitHub.Options;

namespace RunnerTokens.Infrastructure.GitHub;

/// <summary>Derives the web address from <c>GitHub:ApiBaseUrl</c>: api.github.com is github.com; HOST/api/v3 is HOST.</summary>
public sealed class GitHubWebUrls(IOptions<GitHubOptions> options) : IGitHubWebUrls
{
    public Uri OrganizationUrl(string organization)
    {
        var api = new Uri(options.Value.ApiBaseUrl.TrimEnd('/') + "/");
        var web = api.Host.Equals("api.github.com", StringComparison.OrdinalIgnoreCase)
            ? new Uri("https://github.com/")
            : new Uri(api, api.AbsolutePath.EndsWith("/api/v3/", StringComparison.OrdinalIgnoreCase) ? "../../" : "/");
        return new Uri(web, Uri.EscapeDataString(organization));
    }
}
