using RunnerTokens.Cli.Hosting;

return await CliApplication.RunAsync(args, CliEnvironment.FromProcess());
