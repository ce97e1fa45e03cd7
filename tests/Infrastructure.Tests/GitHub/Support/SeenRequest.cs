namespace RunnerTokens.Infrastructure.Tests.GitHub.Support;

/// <summary>A request as either backend saw it (WireMock's log or the simulator's).</summary>
internal sealed record SeenRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    string? Body,
    IReadOnlyDictionary<string, string> Headers);
