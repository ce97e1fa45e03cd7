namespace RunnerTokens.Client;

/// <summary>
/// The RunnerTokens API client: every operation of the contract (generated into <see cref="RunnerTokensApiClient"/>
/// from docs/openapi/v1.json, named after its operationId, e.g. <see cref="RunnerTokensApiClient.ProvisionJitRunnerAsync(ProvisionJitRunnerRequest, System.Threading.CancellationToken)"/>),
/// plus paging over every list (<see cref="RunnerTokensPagingExtensions"/>). Register it with
/// <c>services.AddRunnerTokensClient(o =&gt; { o.BaseAddress = ...; o.AccessToken = ...; })</c>, or build one with
/// <see cref="Create(RunnerTokensClientOptions)"/>. Every refusal or failure answered by the service surfaces as a
/// <see cref="RunnerTokensProblemException"/>.
/// </summary>
/// <param name="httpClient">An <see cref="HttpClient"/> whose base address is the service's root and whose handlers
/// add the access token and turn problems into <see cref="RunnerTokensProblemException"/> (as
/// <see cref="RunnerTokensServiceCollectionExtensions.AddRunnerTokensClient(Microsoft.Extensions.DependencyInjection.IServiceCollection, System.Action{RunnerTokensClientOptions})"/> sets it up).</param>
public class RunnerTokensClient(HttpClient httpClient) : RunnerTokensApiClient(httpClient)
{
    /// <summary>
    /// A client outside dependency injection (scripts, tools): the same handlers as
    /// <c>AddRunnerTokensClient</c> (access token, problems, safe retries) around one <see cref="HttpClient"/>.
    /// Keep and reuse the instance.
    /// </summary>
    public static RunnerTokensClient Create(RunnerTokensClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        services.AddRunnerTokensClient(o => options.CopyTo(o));
        // The provider lives as long as the process: the client's handlers come from it.
        var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);
        return Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<RunnerTokensClient>(provider);
    }
}
