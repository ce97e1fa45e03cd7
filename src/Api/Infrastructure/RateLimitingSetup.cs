using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using RunnerTokens.Api.Errors;

namespace RunnerTokens.Api.Infrastructure;

internal static class RateLimitingSetup
{
    /// <summary>GitHub's deliveries: limited together, by concurrency, not per sending address.</summary>
    private static readonly PathString WebhookPath = "/api/v1/webhooks/github";

    public static IServiceCollection AddPerCallerRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitingOptions>().Bind(configuration.GetSection(RateLimitingOptions.SectionName));
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitingOptions>>((limiter, configured) =>
        {
            var options = configured.Value;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (!options.Enabled || IsInfrastructureEndpoint(context.Request.Path))
                {
                    return RateLimitPartition.GetNoLimiter("unlimited");
                }

                if (context.Request.Path.StartsWithSegments(WebhookPath))
                {
                    return RateLimitPartition.GetConcurrencyLimiter("webhooks", _ => new ConcurrencyLimiterOptions
                    {
                        PermitLimit = options.Webhooks.PermitLimit,
                        QueueLimit = options.Webhooks.QueueLimit,
                        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    });
                }

                return RateLimitPartition.GetTokenBucketLimiter(CallerKey(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.TokenLimit,
                    TokensPerPeriod = options.TokensPerPeriod,
                    ReplenishmentPeriod = options.ReplenishmentPeriod,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : options.ReplenishmentPeriod;
                var http = context.HttpContext;
                http.Response.Headers.RetryAfter = ProblemTypes.RetryAfterSeconds(retryAfter);
                var problem = new ProblemDetails
                {
                    Type = ProblemTypes.TypeBase + "request.rate_limited",
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = ProblemTypes.TitleFor(429),
                    Detail = "This caller sent too many requests; retry after the time in Retry-After.",
                    Extensions = { [ProblemTypes.ErrorCodeKey] = "request.rate_limited" },
                };
                var writer = http.RequestServices.GetRequiredService<IProblemDetailsService>();
                await writer.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
            };
        });
        return services;
    }

    /// <summary>Authenticated callers are limited by identity, anonymous ones by address.</summary>
    private static string CallerKey(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            var issuer = user.FindFirstValue("iss") ?? string.Empty;
            var subject = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub") ?? string.Empty;
            return $"principal:{issuer}|{subject}";
        }

        return $"ip:{context.Connection.RemoteIpAddress}";
    }

    private static bool IsInfrastructureEndpoint(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}
