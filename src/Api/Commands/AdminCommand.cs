using FluentValidation;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Api.Commands;

/// <summary>
/// A one-shot administration command of the service binary (beside <c>migrate</c>): it runs against the
/// configured database through the same composition as the service, then the process exits with its code.
/// <c>dotnet RunnerTokens.Api.dll create-admin|verify-audit|export-audit ...</c>; docs/operations.md.
/// </summary>
public abstract class AdminCommand
{
    /// <summary>Success.</summary>
    public const int Succeeded = 0;

    /// <summary>The command ran and the answer is no: refused, not found, or an audit chain that is broken.</summary>
    public const int Refused = 1;

    /// <summary>The command line is wrong (unknown option, missing value); nothing was done.</summary>
    public const int UsageError = 2;

    /// <summary>The command's name, as typed.</summary>
    public abstract string Name { get; }

    /// <summary>Runs the command on the process's console; Ctrl+C cancels it.</summary>
    public async Task<int> RunFromConsoleAsync(IServiceProvider services)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        return await RunAsync(services, Console.Out, Console.Error, cancel.Token);
    }

    /// <summary>Runs the command with the service's services; returns the process exit code.</summary>
    public async Task<int> RunAsync(IServiceProvider services, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            return await ExecuteAsync(services, output, error, cancellationToken);
        }
        catch (ValidationException invalid)
        {
            foreach (var failure in invalid.Errors)
            {
                await error.WriteLineAsync($"error: {failure.PropertyName}: {failure.ErrorMessage}");
            }

            return UsageError;
        }
    }

    protected abstract Task<int> ExecuteAsync(IServiceProvider services, TextWriter output, TextWriter error, CancellationToken cancellationToken);

    /// <summary>Prints a refused use case's error code and message; returns <see cref="Refused"/>.</summary>
    protected static async Task<int> RefusedAsync(TextWriter error, Error refusal)
    {
        await error.WriteLineAsync($"error: {refusal.Message} ({refusal.Code})");
        return Refused;
    }
}
