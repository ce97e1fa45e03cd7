using Microsoft.Extensions.Options;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Infrastructure.GitHub.Options;

namespace RunnerTokens.Infrastructure.GitHub;

/// <summary>Derives the web address from <c>GitHub:ApiBaseUrl</c>: api.github.com is github.com; HOST/api/v3 is HOST.</summary>
public sealed class GitHubWebUrls(IOptions<GitHubOptions> options) : IGitHubWebUrls
{
    public Uri OrganizationUrl(string organization) => new(WebRoot(), Uri.EscapeDataString(organization));

    public Uri JobUrl(string repository, long runId, long jobId)
    {
        // owner/name: each segment escaped on its own so the slash between them stays a path separator.
        var path = string.Join('/', repository.Split('/').Select(Uri.EscapeDataString));
        return new Uri(WebRoot(), $"{path}/actions/runs/{runId}/job/{jobId}");
    }

    private Uri WebRoot()
    {
        var api = new Uri(options.Value.ApiBaseUrl.TrimEnd('/') + "/");
        return api.Host.Equals("api.github.com", StringComparison.OrdinalIgnoreCase)
            ? new Uri("https://github.com/")
            : new Uri(api, api.AbsolutePath.EndsWith("/api/v3/", StringComparison.OrdinalIgnoreCase) ? "../../" : "/");
    }
}
