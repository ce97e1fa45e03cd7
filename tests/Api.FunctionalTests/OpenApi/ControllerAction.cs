namespace RunnerTokens.Api.FunctionalTests.OpenApi;

/// <summary>
/// A controller action as its attributes declare it: verb, OpenAPI path, anonymity, response statuses, and the
/// document it belongs to (<c>v1</c>, or its <c>[ApiExplorerSettings(GroupName)]</c>).
/// </summary>
public sealed record ControllerAction(string Method, string Path, bool Anonymous, IReadOnlyList<(int Status, bool Problem)> Responses, string Document = "v1")
{
    public override string ToString() => $"{Method.ToUpperInvariant()} {Path}";
}
