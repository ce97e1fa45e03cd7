using RunnerTokens.Cli.Hosting;

namespace RunnerTokens.Cli.Tests;

/// <summary>
/// Runs <c>runnertokens</c> in process, as a shell would (arguments in, exit code and both streams out), with its own
/// configuration folder and environment variables, reaching the service and the identity provider through the given
/// handlers. Not interactive, 200 columns wide.
/// </summary>
public sealed class CliRun(string configDirectory, HttpMessageHandler? service = null, HttpMessageHandler? issuer = null)
{
    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    public string ConfigDirectory => configDirectory;

    public async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new CliEnvironment(
            output, error, name => Variables.TryGetValue(name, out var value) ? value : null, configDirectory,
            Interactive: false, Width: 200, ServiceHandler: service, IssuerHandler: issuer);
        var code = await CliApplication.RunAsync(args, environment);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public static string TemporaryFolder() => Path.Combine(Path.GetTempPath(), "runnertokens-cli-tests", Guid.NewGuid().ToString("N"));
}

/// <summary>What a run of the CLI left: its exit code and what it wrote.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}
