namespace RunnerTokens.GitHub.Simulator;

/// <summary>
/// A request the simulator received (for tests). The Authorization header is never kept; only whether one was sent.
/// </summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path relative to the API base (for example <c>/orgs/acme/actions/runners</c>).</param>
/// <param name="Query">The query string, including <c>?</c>, or empty.</param>
/// <param name="Body">The request body, or null when none was sent.</param>
/// <param name="Headers">Accept, X-GitHub-Api-Version, User-Agent and Content-Type as sent.</param>
/// <param name="Authenticated">True when an Authorization header was present.</param>
public sealed record SimulatedRequest(
    string Method,
    string Path,
    string Query,
    string? Body,
    IReadOnlyDictionary<string, string> Headers,
    bool Authenticated);
