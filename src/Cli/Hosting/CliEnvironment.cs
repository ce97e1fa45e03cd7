namespace RunnerTokens.Cli.Hosting;

/// <summary>
/// What the command line reads from its surroundings: standard output and error, environment variables, the
/// folder of its token cache, whether a person is watching (progress indicators), and, for tests, the HTTP
/// handler that reaches the service in memory.
/// </summary>
public sealed record CliEnvironment(
    TextWriter Out,
    TextWriter Error,
    Func<string, string?> Variable,
    string ConfigDirectory,
    bool Interactive,
    int? Width = null,
    HttpMessageHandler? ServiceHandler = null,
    HttpMessageHandler? IssuerHandler = null)
{
    /// <summary>The real process: console, environment, <c>$XDG_CONFIG_HOME/runnertokens</c> (or <c>~/.config/runnertokens</c>).</summary>
    public static CliEnvironment FromProcess()
    {
        var config = Environment.GetEnvironmentVariable("RUNNERTOKENS_CONFIG_DIR");
        if (string.IsNullOrWhiteSpace(config))
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
            var root = string.IsNullOrWhiteSpace(xdg)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config")
                : xdg;
            config = Path.Combine(root, "runnertokens");
        }

        return new CliEnvironment(
            Console.Out,
            Console.Error,
            Environment.GetEnvironmentVariable,
            config,
            Interactive: !Console.IsErrorRedirected,
            Width: Console.IsOutputRedirected ? 200 : null);
    }
}
