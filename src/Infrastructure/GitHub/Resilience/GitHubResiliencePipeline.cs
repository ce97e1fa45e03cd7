using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using RunnerTokens.Infrastructure.GitHub.Options;

namespace RunnerTokens.Infrastructure.GitHub.Resilience;

/// <summary>
/// The Polly pipeline of every GitHub call, outermost first: total timeout, retry, circuit breaker (one per
/// organization, through the keyed pipeline), attempt timeout.
/// Retries are jittered and exponential, only for GET, DELETE (and installation-token minting on the App
/// client), and honour <c>retry-after</c> / <c>x-ratelimit-reset</c> up to <c>MaxRetryWait</c>.
/// A POST such as generate-jitconfig is never resent by this pipeline.
/// </summary>
internal static partial class GitHubResiliencePipeline
{
    public static void Configure(
        ResiliencePipelineBuilder<HttpResponseMessage> builder,
        GitHubResilienceOptions options,
        TimeProvider timeProvider,
        bool retryPost,
        string pipelineKey,
        ILogger logger)
    {
        builder.TimeProvider = timeProvider;
        builder.AddTimeout(new TimeoutStrategyOptions { Name = "total-timeout", Timeout = options.TotalTimeout });

        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "retry",
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = Max(options.MaxRetryWait, options.RetryBaseDelay),
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, options, timeProvider, retryPost)),
                DelayGenerator = args => ValueTask.FromResult(RequestedDelay(args.Outcome, timeProvider, options)),
                OnRetry = args =>
                {
                    var request = args.Context.GetRequestMessage();
                    LogRetry(
                        logger,
                        request?.Method.Method ?? "?",
                        request?.RequestUri?.AbsolutePath ?? "?",
                        Describe(args.Outcome),
                        args.AttemptNumber + 1,
                        args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            Name = "circuit-breaker",
            FailureRatio = options.BreakerFailureRatio,
            MinimumThroughput = options.BreakerMinimumThroughput,
            SamplingDuration = options.BreakerSamplingDuration,
            BreakDuration = options.BreakerBreakDuration,
            ShouldHandle = args => ValueTask.FromResult(IsTransientFailure(args.Outcome)),
            OnOpened = args =>
            {
                LogOpened(logger, pipelineKey, args.BreakDuration.TotalSeconds, Describe(args.Outcome));
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                LogClosed(logger, pipelineKey);
                return ValueTask.CompletedTask;
            },
        });

        builder.AddTimeout(new TimeoutStrategyOptions { Name = "attempt-timeout", Timeout = options.AttemptTimeout });
    }

    /// <summary>Network failures, timeouts, 408 and 5xx: what says GitHub (or the way to it) is unwell.</summary>
    public static bool IsTransientFailure(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => response.StatusCode == HttpStatusCode.RequestTimeout || (int)response.StatusCode >= 500,
        _ => false,
    };

    /// <summary>
    /// Retry only safe methods (and token minting when <paramref name="retryPost"/>), only transient failures
    /// and rate limits whose requested wait fits in <c>MaxRetryWait</c>.
    /// </summary>
    public static bool ShouldRetry(
        Outcome<HttpResponseMessage> outcome,
        ResilienceContext context,
        GitHubResilienceOptions options,
        TimeProvider timeProvider,
        bool retryPost)
    {
        var method = context.GetRequestMessage()?.Method;
        var repeatable = method == HttpMethod.Get || method == HttpMethod.Delete || method == HttpMethod.Head
            || (retryPost && method == HttpMethod.Post);
        if (!repeatable || outcome.Exception is BrokenCircuitException)
        {
            return false;
        }

        if (outcome.Result is { } response)
        {
            var status = (int)response.StatusCode;
            var requested = status is 403 or 429
                ? GitHubResponses.RateLimitWait(response.Headers, timeProvider.GetUtcNow(), status == 429)
                : GitHubResponses.RetryAfter(response.Headers, timeProvider.GetUtcNow());
            if (status is 403 or 429)
            {
                return requested is { } wait && wait <= options.MaxRetryWait;
            }

            if (requested is { } hinted && hinted > options.MaxRetryWait)
            {
                return false;
            }
        }

        return IsTransientFailure(outcome);
    }

    /// <summary>The wait GitHub asked for (<c>retry-after</c>, or until <c>x-ratelimit-reset</c>), else null for back-off.</summary>
    public static TimeSpan? RequestedDelay(Outcome<HttpResponseMessage> outcome, TimeProvider timeProvider, GitHubResilienceOptions options)
    {
        if (outcome.Result is not { } response)
        {
            return null;
        }

        var status = (int)response.StatusCode;
        var now = timeProvider.GetUtcNow();
        var requested = status is 403 or 429
            ? GitHubResponses.RateLimitWait(response.Headers, now, status == 429)
            : GitHubResponses.RetryAfter(response.Headers, now);
        return requested is { } wait ? Min(wait, options.MaxRetryWait) : null;
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } ex ? ex.GetType().Name : ((int?)outcome.Result?.StatusCode)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?";

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Warning, Message = "GitHub {Method} {Path} failed ({Outcome}); retry {Attempt} in {DelayMs} ms")]
    private static partial void LogRetry(ILogger logger, string method, string path, string outcome, int attempt, double delayMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "GitHub circuit {PipelineKey} opened for {BreakSeconds} s after repeated failures (last: {Outcome})")]
    private static partial void LogOpened(ILogger logger, string pipelineKey, double breakSeconds, string outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "GitHub circuit {PipelineKey} closed again")]
    private static partial void LogClosed(ILogger logger, string pipelineKey);
}
