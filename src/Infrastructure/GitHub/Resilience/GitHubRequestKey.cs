namespace RunnerTokens.Infrastructure.GitHub.Resilience;

/// <summary>
/// The resilience pipeline (and so circuit breaker) a request belongs to: one per organization
/// (<c>/orgs/{org}/...</c>, <c>/repos/{owner}/...</c>), one per installation for token minting.
/// </summary>
internal static class GitHubRequestKey
{
    public static string For(Uri? requestUri, string basePath)
    {
        if (requestUri is null)
        {
            return "github";
        }

        var path = requestUri.IsAbsoluteUri ? requestUri.AbsolutePath : requestUri.OriginalString;
        var trimmedBase = basePath.TrimEnd('/');
        if (trimmedBase.Length > 0 && path.StartsWith(trimmedBase, StringComparison.OrdinalIgnoreCase))
        {
            path = path[trimmedBase.Length..];
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments switch
        {
            ["orgs" or "repos", var owner, ..] => "org:" + Uri.UnescapeDataString(owner).ToLowerInvariant(),
            ["app", "installations", var id, ..] => "installation:" + id,
            _ => "github",
        };
    }
}
