namespace RunnerTokens.Web.Demo;

/// <param name="ProvisionRunners">Only against the GitHub simulator: the demo never creates real runners.</param>
internal sealed record DemoSeedOptions(bool ProvisionRunners);
