using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using RunnerTokens.Api.FunctionalTests.Infrastructure;

namespace RunnerTokens.Api.FunctionalTests.OpenApi;

/// <summary>
/// The committed documents (<c>docs/openapi/*.json</c>, what clients are generated from) are exactly what the
/// service serves. Regenerate them with <c>scripts/update-openapi.sh</c> (this test with
/// <c>RUNNERTOKENS_UPDATE_OPENAPI=1</c>, which writes the served documents instead of comparing).
/// </summary>
public sealed class CommittedDocumentTests : FunctionalTestBase
{
    public const string UpdateVariable = "RUNNERTOKENS_UPDATE_OPENAPI";

    [TestCase("v1")]
    [TestCase("github-webhooks")]
    public async Task The_committed_document_is_what_the_service_serves(string name)
    {
        var response = await Anonymous().GetAsync($"/openapi/{name}.json");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var served = Normalize(await response.Content.ReadAsStringAsync());
        var path = Path.Combine(RepositoryRoot(), "docs", "openapi", $"{name}.json");

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(path, served);
            Assert.Pass($"wrote {path}");
        }

        File.Exists(path).ShouldBeTrue($"{path} is missing: run scripts/update-openapi.sh and commit it");
        var committed = Normalize(await File.ReadAllTextAsync(path));
        committed.ShouldBe(served, $"docs/openapi/{name}.json differs from what the service serves: run scripts/update-openapi.sh and commit the result");
    }

    /// <summary>Indented, LF line endings, trailing newline: the committed form, independent of the serializer's.</summary>
    private static string Normalize(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
            .ReplaceLineEndings("\n") + "\n";

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RunnerTokens.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("RunnerTokens.sln not found above " + AppContext.BaseDirectory);
    }
}
