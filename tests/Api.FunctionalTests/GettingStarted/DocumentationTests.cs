using System.Text.RegularExpressions;

namespace RunnerTokens.Api.FunctionalTests.GettingStarted;

/// <summary>
/// Checks on the documentation a newcomer copies from: one port for <c>dotnet run</c> everywhere, tokens never
/// written inside the repository, and git ignoring token files should one land there anyway.
/// </summary>
public sealed partial class DocumentationTests
{
    private static readonly string Root = RepositoryRoot();

    private static IEnumerable<string> Documents() =>
        Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(Root, "examples"), "*.md", SearchOption.AllDirectories))
            .Append(Path.Combine(Root, "README.md"))
            .Append(Path.Combine(Root, "docs", "requests.http"));

    [Test]
    public void Git_ignores_token_files()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, ".gitignore")).Select(l => l.Trim());

        lines.ShouldContain("*.jwt");
    }

    [Test]
    public void No_document_writes_a_token_into_the_working_tree()
    {
        var offenders = Documents()
            .SelectMany(file => TokenRedirect().Matches(File.ReadAllText(file)).Select(m => $"{Relative(file)}: {m.Value.Trim()}"))
            .Where(hit => !SafeTarget().IsMatch(hit))
            .ToList();

        offenders.ShouldBeEmpty("redirect tokens to ~/.runnertokens/ or another folder outside the repository");
    }

    [Test]
    public void Every_local_service_address_is_the_one_port_of_dotnet_run_or_the_compose_stack()
    {
        // 5271: dotnet run --project src/Api (launchSettings.json); 7119 its https profile; 8080/8081: docker compose.
        var allowed = new HashSet<string> { "5271", "7119", "8080", "8081" };
        var offenders = Documents()
            .SelectMany(file => LocalAddress().Matches(File.ReadAllText(file))
                .Where(m => !allowed.Contains(m.Groups["port"].Value))
                .Select(m => $"{Relative(file)}: {m.Value}"))
            .ToList();

        offenders.ShouldBeEmpty();
    }

    private static string Relative(string path) => Path.GetRelativePath(Root, path);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RunnerTokens.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("RunnerTokens.sln not found above " + TestContext.CurrentContext.TestDirectory);
    }

    /// <summary><c>dotnet user-jwts create ... &gt; target</c>, across a line continuation.</summary>
    [GeneratedRegex(@"user-jwts create[^\n>]*(\\\n[^\n>]*)*>\s*\S+")]
    private static partial Regex TokenRedirect();

    /// <summary>A target under the home folder or a variable (e.g. <c>$XDG_RUNTIME_DIR</c>), never a relative path.</summary>
    [GeneratedRegex(@">\s*(~/|\$|""\$|/tmp/|/dev/null)")]
    private static partial Regex SafeTarget();

    [GeneratedRegex(@"(localhost|127\.0\.0\.1):(?<port>\d+)")]
    private static partial Regex LocalAddress();
}
