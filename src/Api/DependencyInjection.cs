using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Features;
using RunnerTokens.Api.Auth;
using RunnerTokens.Api.Errors;
using RunnerTokens.Api.Hosting;
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

        services.AddControllers()
            .AddJsonOptions(json =>
            {
                json.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase, allowIntegerValues: false));
                json.JsonSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            });
        services.AddApiProblemDetails();
        services.AddApiDocument();
        services.AddPerCallerRateLimiting(builder.Configuration);
        services.AddHttpContextAccessor();
        services.AddScoped<RunnerTokens.Application.Common.Interfaces.ICurrentPrincipal, Auth.HttpCurrentPrincipal>();
        builder.AddBearerAuthentication();
        services.AddHealthChecks()
            .AddDbContextCheck<AppDbContext>("database", tags: ["ready"]);
        builder.AddObservability();
        builder.AddTls();
        return builder;
    }
}
