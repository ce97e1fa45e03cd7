namespace RunnerTokens.Api.Commands;

/// <summary>An admin command line that cannot run: prints why and the usage, exits <see cref="AdminCommand.UsageError"/>.</summary>
public sealed class UsageErrorCommand(string name, string problem) : AdminCommand
{
    public override string Name => name;

    public string Problem => problem;

    /// <summary>Prints the problem and the usage; needs no services (the host is not built for a usage error).</summary>
    public int Report(TextWriter error)
    {
        error.WriteLine($"error: {problem}");
        error.WriteLine(AdminCommandLine.Usage);
        return UsageError;
    }

    protected override Task<int> ExecuteAsync(IServiceProvider services, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        Task.FromResult(Report(error));
}
