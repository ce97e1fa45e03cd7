namespace RunnerTokens.GitHub.Simulator;

/// <summary>The primary HTTP handler in Simulator mode: hands every request to the <see cref="GitHubSimulator"/>.</summary>
internal sealed class GitHubSimulatorHandler(GitHubSimulator simulator) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        simulator.HandleAsync(request, cancellationToken);
}
