namespace RunnerTokens.Infrastructure.Tests.GitHub.Support;

/// <summary>Reads the JSON bodies in GitHub/Fixtures (copied next to the test assembly).</summary>
internal static class Fixture
{
    public static string Read(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "GitHub", "Fixtures", name));
}
