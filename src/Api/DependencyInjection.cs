using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Features;
using RunnerTokens.Api.Auth;
using RunnerTokens.Api.Errors;
using RunnerTokens.Api.Infrastructure;
using RunnerTokens.Api.Observability;
using RunnerTokens.Infrastructure.Persistence;

namespace RunnerTokens.Api;

internal static class DependencyInjection
{
    public static WebApplicationBuilder AddApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var limits = builder.Configuration.GetSection(RequestLimitsOptions.SectionName).Get<RequestLimitsOptions>() ?? new RequestLimitsOptions();

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = limits.MaxBodyBytes;
            kestrel.AddServerHeader = false;
        });
        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = limits.MaxBodyBytes);

        services.AddControllers(mvc => mvc.Conventions.Add(new ProblemResponsesConvention()))
            .AddJsonOptions(json =>
            {
                json.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase, allowIntegerValues: false));
                json.JsonSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
                json.JsonSerializerOptions.PropertyNamingPolicy = WireNamingPolicy.Instance;
            });
        // The OpenAPI document describes schemas with these (not MVC's) options: same names as the wire.
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.PropertyNamingPolicy = WireNamingPolicy.Instance);
        services.AddApiProblemDetails();
        services.AddApiDocument();
        services.AddPerCallerRateLimiting(builder.Configuration);
        services.AddHttpContextAccessor();
        services.AddScoped<RunnerTokens.Application.Common.Interfaces.ICurrentPrincipal, Auth.HttpCurrentPrincipal>();
        builder.AddBearerAuthentication();
        services.AddHealthChecks()
            .AddDbContextCheck<AppDbContext>("database", tags: ["ready"]);
        builder.AddObservability();
        return builder;
    }
}
