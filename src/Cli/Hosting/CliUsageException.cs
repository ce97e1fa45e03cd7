namespace RunnerTokens.Cli.Hosting;

/// <summary>The command cannot run as given (exit <see cref="ExitCodes.Usage"/>); the message says what to do instead.</summary>
public sealed class CliUsageException(string message) : Exception(message);
