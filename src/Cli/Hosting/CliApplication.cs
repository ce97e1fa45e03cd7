using System.CommandLine;
using RunnerTokens.Cli.Auth;
using RunnerTokens.Cli.Commands;
using RunnerTokens.Client;

namespace RunnerTokens.Cli.Hosting;

/// <summary>The command tree of <c>runnertokens</c> and the one place where outcomes become exit codes.</summary>
public static class CliApplication
{
    public static RootCommand BuildRoot(CliEnvironment environment)
    {
        var root = new RootCommand("runnertokens: GitHub self-hosted runner credentials from the RunnerTokens service, for people and pipelines.")
        {
            GlobalOptions.Url,
            GlobalOptions.Token,
            GlobalOptions.Json,
        };
        foreach (var group in new[]
        {
            LoginCommands.Build(environment),
            RunnersCommands.Build(environment),
            TeamsCommands.Build(environment),
            PolicyCommands.Build(environment),
            MembersCommands.Build(environment),
            MachineIdentitiesCommands.Build(environment),
            UsersCommands.Build(environment),
            AuditCommands.Build(environment),
            SyncCommands.Build(environment),
        }.SelectMany(g => g))
        {
            root.Add(group);
        }

        return root;
    }

    /// <summary>Parses and runs; a parse error is a usage error (exit 2) with the errors and a pointer to --help.</summary>
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        var parse = BuildRoot(environment).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await environment.Error.WriteLineAsync($"error: {error.Message}");
            }

            await environment.Error.WriteLineAsync("See 'runnertokens --help' (or '<command> --help').");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(
            new InvocationConfiguration { Output = environment.Out, Error = environment.Error, EnableDefaultExceptionHandler = false },
            cancellationToken);
    }

    /// <summary>Gives <paramref name="command"/> its action: builds the context, runs, and maps every outcome to an exit code.</summary>
    public static Command Runs(this Command command, CliEnvironment environment, Func<CliContext, CancellationToken, Task<int>> action)
    {
        command.SetAction((parse, cancellationToken) => InvokeAsync(new CliContext(parse, environment), action, cancellationToken));
        return command;
    }

    private static async Task<int> InvokeAsync(CliContext context, Func<CliContext, CancellationToken, Task<int>> action, CancellationToken cancellationToken)
    {
        var output = context.Output;
        try
        {
            return await action(context, cancellationToken);
        }
        catch (RunnerTokensProblemException problem)
        {
            output.Problem(problem);
            return problem.IsRefusal ? ExitCodes.Refused : ExitCodes.Failed;
        }
        catch (CliUsageException usage)
        {
            output.Failure(usage.Message);
            return ExitCodes.Usage;
        }
        catch (LoginFailedException login)
        {
            output.Failure(login.Message);
            return login.Refused ? ExitCodes.Refused : ExitCodes.Failed;
        }
        catch (HttpRequestException unreachable)
        {
            output.Failure($"Cannot reach the service at {context.ServiceUrl}: {unreachable.Message}");
            return ExitCodes.Failed;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            output.Failure("The service did not answer in time.");
            return ExitCodes.Failed;
        }
        catch (Exception local) when (local is IOException or UnauthorizedAccessException)
        {
            output.Failure(local.Message); // a local file (an --output path, the token cache)
            return ExitCodes.Usage;
        }
        catch (RunnerTokensApiException unexpected)
        {
            output.Failure($"The service answered {unexpected.StatusCode}, which this version of the CLI does not understand: {unexpected.Message.Split('\n')[0]}");
            return ExitCodes.Failed;
        }
    }
}
