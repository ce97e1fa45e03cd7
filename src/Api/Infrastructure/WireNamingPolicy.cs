using System.Text.Json;

namespace RunnerTokens.Api.Infrastructure;

/// <summary>
/// The API's JSON property names: camelCase, with GitHub written <c>github</c> as GitHub's own APIs do
/// (<c>GitHubRunnerId</c> is <c>githubRunnerId</c>, not <c>gitHubRunnerId</c>). Wire naming lives here, not
/// as attributes on Application types.
/// </summary>
internal sealed class WireNamingPolicy : JsonNamingPolicy
{
    private const string CamelGitHub = "gitHub";

    public static WireNamingPolicy Instance { get; } = new();

    public override string ConvertName(string name)
    {
        var camel = CamelCase.ConvertName(name);
        return camel.StartsWith(CamelGitHub, StringComparison.Ordinal) ? "github" + camel[CamelGitHub.Length..] : camel;
    }
}
