namespace RunnerTokens.Api.FunctionalTests.OpenApi;

/// <summary>A controller action as its attributes declare it: verb, OpenAPI path, anonymity, response statuses.</summary>
public sealed record ControllerAction(string Method, string Path, bool Anonymous, IReadOnlyList<(int Status, bool Problem)> Responses)
{
    public override string ToString() => $"{Method.ToUpperInvariant()} {Path}";
}
