using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Cli.Auth;
using RunnerTokens.Cli.Output;
using RunnerTokens.Client;

namespace RunnerTokens.Cli.Hosting;

/// <summary>One invocation: its parse result, the renderer, and the API client built from the URL and token in effect.</summary>
public sealed class CliContext(ParseResult parse, CliEnvironment environment)
{
    private RunnerTokensClient? _client;

    public ParseResult Parse => parse;

    public CliEnvironment Environment => environment;

    public Renderer Output { get; } = new(environment, parse.GetValue(GlobalOptions.Json));

    public TokenCache Cache { get; } = new(environment.ConfigDirectory);

    public T? Value<T>(Option<T> option) => parse.GetValue(option);

    public T Value<T>(Argument<T> argument) => parse.GetValue(argument)!;

    /// <summary>The service URL in effect: <c>--url</c>, <c>RUNNERTOKENS_URL</c>, the last login's; null when none.</summary>
    public string? ServiceUrl => First(parse.GetValue(GlobalOptions.Url), environment.Variable("RUNNERTOKENS_URL"), Cache.Load()?.Url);

    /// <summary>The API client (built once), or a usage error when there is no URL or no token to use.</summary>
    public RunnerTokensClient Client => _client ??= CreateClient();

    /// <summary>An HTTP client for the identity provider (login): the test handler when one is given.</summary>
    public HttpClient IssuerHttp() =>
        environment.IssuerHandler is { } handler ? new HttpClient(new SharedHandler(handler)) : new HttpClient();

    private RunnerTokensClient CreateClient()
    {
        var url = ServiceUrl ?? throw new CliUsageException(
            "No service URL: pass --url, set RUNNERTOKENS_URL, or run 'runnertokens login --url URL ...' once.");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseAddress))
        {
            throw new CliUsageException($"'{url}' is not an absolute URL, e.g. https://runnertokens.example.com/.");
        }

        var token = First(parse.GetValue(GlobalOptions.Token), environment.Variable("RUNNERTOKENS_TOKEN"));
        var services = new ServiceCollection();
        var builder = services.AddRunnerTokensClient(o =>
        {
            o.BaseAddress = baseAddress;
            o.AccessTokenProvider = token is not null ? _ => ValueTask.FromResult<string?>(token) : CachedTokenAsync;
        });
        if (environment.ServiceHandler is { } handler)
        {
            builder.ConfigurePrimaryHttpMessageHandler(() => new SharedHandler(handler));
        }

        return services.BuildServiceProvider().GetRequiredService<RunnerTokensClient>();
    }

    /// <summary>The cached login's token, refreshed when it has expired and a refresh token was issued.</summary>
    private async ValueTask<string?> CachedTokenAsync(CancellationToken cancellationToken)
    {
        var cached = Cache.Load();
        if (cached?.AccessToken is null)
        {
            throw new CliUsageException("Not signed in: run 'runnertokens login', or pass --token / set RUNNERTOKENS_TOKEN.");
        }

        if (cached.IsFresh(TimeProvider.System.GetUtcNow()) || cached is not { RefreshToken: { } refresh, TokenEndpoint: { } endpoint, ClientId: { } clientId })
        {
            return cached.AccessToken; // an expired token without a refresh token: the service's 401 says so
        }

        using var http = IssuerHttp();
        var tokens = await new OidcClient(http, TimeProvider.System).RefreshAsync(endpoint, clientId, refresh, cancellationToken);
        var renewed = cached with
        {
            AccessToken = tokens.AccessToken,
            RefreshToken = tokens.RefreshToken ?? refresh,
            ExpiresAt = tokens.ExpiresIn is { } seconds ? TimeProvider.System.GetUtcNow().AddSeconds(seconds) : null,
        };
        Cache.Save(renewed);
        return renewed.AccessToken;
    }

    private static string? First(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    /// <summary>Lends a handler owned elsewhere (a test server's) without disposing it with the client.</summary>
    private sealed class SharedHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override void Dispose(bool disposing)
        {
            // The owner disposes the inner handler.
        }
    }
}
