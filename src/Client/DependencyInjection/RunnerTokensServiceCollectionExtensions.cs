using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace RunnerTokens.Client;

/// <summary>Registers <see cref="RunnerTokensClient"/> (and <see cref="IRunnerTokensApiClient"/>).</summary>
public static class RunnerTokensServiceCollectionExtensions
{
    /// <summary>The name of the client's resilience pipeline (for its metrics and logs).</summary>
    public const string ResiliencePipelineName = "runnertokens";

    /// <summary>
    /// Registers the client as a typed <see cref="HttpClient"/>: base address and timeout from the options, then, from
    /// the outside in, problems to <see cref="RunnerTokensProblemException"/>, safe retries (Microsoft.Extensions.Http.Resilience,
    /// honouring <c>Retry-After</c>; see <see cref="RunnerTokensClientOptions.MaxRetries"/>), and the bearer token of each attempt.
    /// </summary>
    /// <returns>The client's <see cref="IHttpClientBuilder"/>, to add handlers (a proxy, logging) of your own.</returns>
    public static IHttpClientBuilder AddRunnerTokensClient(this IServiceCollection services, Action<RunnerTokensClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<RunnerTokensClientOptions>()
            .Configure(configure)
            .Validate(o => o.BaseAddress is { IsAbsoluteUri: true }, "RunnerTokensClientOptions.BaseAddress must be an absolute URI, e.g. https://runnertokens.example.com/.")
            .Validate(o => o.MaxRetries >= 0, "RunnerTokensClientOptions.MaxRetries cannot be negative.");
        services.TryAddTransient<ProblemResponseHandler>();
        services.TryAddTransient<IRunnerTokensApiClient>(sp => sp.GetRequiredService<RunnerTokensClient>());

        var client = services.AddHttpClient<RunnerTokensClient>((sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<RunnerTokensClientOptions>>().Value;
                var root = options.BaseAddress!.AbsoluteUri;
                http.BaseAddress = new Uri(root.EndsWith('/') ? root : root + "/");
                http.Timeout = options.Timeout;
            })
            .AddHttpMessageHandler<ProblemResponseHandler>();
        client.AddResilienceHandler(ResiliencePipelineName, (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<RunnerTokensClientOptions>>().Value;
                if (options.MaxRetries == 0)
                {
                    return;
                }

                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxRetries,
                    Delay = options.RetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = args => SafeRetry.ShouldRetryAsync(
                        args.Outcome, args.Context.GetRequestMessage(), options.MaxRetryAfter, args.Context.CancellationToken),
                });
            });
        return client.AddHttpMessageHandler(sp => new AccessTokenHandler(TokensOf(sp)));
    }

    private static IAccessTokenProvider TokensOf(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<RunnerTokensClientOptions>>().Value;
        if (options.AccessTokenProvider is { } provider)
        {
            return new DelegateAccessTokenProvider(provider);
        }

        if (!string.IsNullOrWhiteSpace(options.AccessToken))
        {
            return new StaticAccessTokenProvider(options.AccessToken);
        }

        return services.GetService<IAccessTokenProvider>() ?? new DelegateAccessTokenProvider(static _ => ValueTask.FromResult<string?>(null));
    }
}
