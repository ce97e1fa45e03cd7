using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using RunnerTokens.Api.Auth;
using RunnerTokens.Api.Errors;
using RunnerTokens.Api.Hosting;
using RunnerTokens.Api.Infrastructure;
using RunnerTokens.Api.Observability;
using RunnerTokens.Api.OpenApi;
using RunnerTokens.Infrastructure.Health;

namespace RunnerTokens.Api;

internal static class DependencyInjection
{
    public static WebApplicationBuilder AddApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.RequireSecureTransport();
        services.AddOptions<RequestLimitsOptions>().Bind(builder.Configuration.GetSection(RequestLimitsOptions.SectionName));
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<RequestLimitsOptions>>((kestrel, limits) =>
        {
            kestrel.Limits.MaxRequestBodySize = limits.Value.MaxBodyBytes;
            kestrel.AddServerHeader = false;
        });
        services.AddOptions<FormOptions>().Configure<IOptions<RequestLimitsOptions>>((form, limits) =>
            form.MultipartBodyLengthLimit = limits.Value.MaxBodyBytes);

        services.AddControllers(mvc =>
            {
                mvc.Conventions.Add(new ProblemResponsesConvention());
                // No controller reads a form: without these, binding no longer creates the form feature and its
                // providers on every request (docs/performance.md, eighth pass).
                mvc.ValueProviderFactories.RemoveType<FormValueProviderFactory>();
                mvc.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
                mvc.ValueProviderFactories.RemoveType<FormFileValueProviderFactory>();
            })
            .AddJsonOptions(json =>
            {
                json.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase, allowIntegerValues: false));
                json.JsonSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
                json.JsonSerializerOptions.PropertyNamingPolicy = WireNamingPolicy.Instance;
                // Source-generated metadata first (the API's bodies), reflection for anything else.
                json.JsonSerializerOptions.TypeInfoResolver = JsonTypeInfoResolver.Combine(
                        ApiJsonContext.Default,
                        json.JsonSerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
                    .WithAddedModifier(Contracts.WholeObjectRequest.LetValidationReportMissingMembers)
                    .WithAddedModifier(IndexedStringListConverter.UseOnRunnerLabels);
            });
        // The OpenAPI document describes schemas with these (not MVC's) options, and problems are written with
        // them: the same names and enums as the wire; numbers written as numbers (documented as plain integers).
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = WireNamingPolicy.Instance;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        services.AddApiProblemDetails();
        services.AddApiDocument();
        services.AddPerCallerRateLimiting(builder.Configuration);
        services.AddHttpContextAccessor();
        services.AddScoped<RunnerTokens.Application.Common.Interfaces.ICurrentPrincipal, Auth.HttpCurrentPrincipal>();
        builder.AddBearerAuthentication();
        services.AddHealthChecks()
            .AddCheck<GracefulShutdown.ReadinessCheck>("shutdown", tags: [ReadinessChecks.Tag])
            .AddInfrastructureReadiness();
        builder.AddGracefulShutdown();
        builder.AddObservability();
        builder.AddMetricsEndpoint();
        builder.AddTls();
        builder.AddForwardedHeaders();
        return builder;
    }
}
