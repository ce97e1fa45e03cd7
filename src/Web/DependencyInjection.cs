using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using MudBlazor.Services;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Identity;
using RunnerTokens.Domain.Identity;
using RunnerTokens.Web.Components;
using RunnerTokens.Web.Demo;
using RunnerTokens.Web.Security;
using RunnerTokens.Web.Shared;

namespace RunnerTokens.Web;

/// <summary>The dashboard: Blazor pages over the same Application use cases as the API, hosted by the API process at <c>/</c>.</summary>
public static class DependencyInjection
{
    /// <summary>Call after the API registered its services (it wraps the API's <see cref="ICurrentPrincipal"/>).</summary>
    /// <param name="simulatedGitHub">Whether GitHub is the in-memory simulator (the Development demo then provisions runners).</param>
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder, bool simulatedGitHub)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection(DashboardOptions.SectionName);
        services.Configure<DashboardOptions>(section);
        var options = section.Get<DashboardOptions>() ?? new DashboardOptions();

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddCascadingAuthenticationState();
        services.AddScoped<DashboardPrincipal>();
        services.AddScoped<DashboardSession>();
        services.AddScoped(sp => new UseCases(sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<DashboardPrincipal>()));
        DecorateCurrentPrincipal(services);

        var authentication = services.AddAuthentication()
            .AddCookie(DashboardSchemes.Cookie, cookie =>
            {
                cookie.Cookie.Name = "RunnerTokens.Dashboard";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.LoginPath = SignInEndpoints.SignInPath;
                cookie.LogoutPath = SignInEndpoints.SignOutPath;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.SlidingExpiration = true;
            });
        if (!string.IsNullOrWhiteSpace(options.Authority))
        {
            OpenIdConnectSignIn.Add(authentication, options);
        }

        services.AddAuthorizationBuilder().AddPolicy(DashboardSchemes.Policy, policy => policy
            .AddAuthenticationSchemes(DashboardSchemes.Cookie)
            .RequireAuthenticatedUser());

        if (builder.Environment.IsDevelopment() && string.IsNullOrWhiteSpace(options.Authority))
        {
            // The Development sign-in's people are real principals of a Development-only issuer; the admin bootstraps.
            services.Configure<PrincipalOptions>(principals =>
            {
                principals.Issuers.Add(new IssuerTrust(DevelopmentPersona.Issuer, IssuerPurpose.Both));
                principals.BootstrapAdmins.Add(new BootstrapAdminRule(null, DevelopmentPersona.Issuer, DevelopmentPersona.Admin.Subject));
            });
            if (options.DemoSeed)
            {
                services.AddSingleton(new DemoSeedOptions(simulatedGitHub));
                services.AddHostedService<DemoSeeder>();
            }
        }

        return builder;
    }

    /// <summary>Maps the dashboard at <c>/</c> and its sign-in endpoints. Call after the API's middleware and endpoints.</summary>
    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        var options = app.Configuration.GetSection(DashboardOptions.SectionName).Get<DashboardOptions>() ?? new DashboardOptions();
        var development = app.Environment.IsDevelopment() && string.IsNullOrWhiteSpace(options.Authority);
        SignInEndpoints.Map(app, oidc: !string.IsNullOrWhiteSpace(options.Authority), development);
        if (development)
        {
            DevelopmentSignIn.Map(app);
        }

        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .RequireAuthorization(DashboardSchemes.Policy);
        return app;
    }

    private static void DecorateCurrentPrincipal(IServiceCollection services)
    {
        var host = services.LastOrDefault(d => d.ServiceType == typeof(ICurrentPrincipal))
            ?? throw new InvalidOperationException("Register the host's ICurrentPrincipal (AddApi) before AddDashboard.");
        services.RemoveAll<ICurrentPrincipal>();
        services.AddScoped<ICurrentPrincipal>(sp => new DashboardCurrentPrincipal(
            sp.GetRequiredService<DashboardPrincipal>(),
            host.ImplementationType is { } type
                ? (ICurrentPrincipal)ActivatorUtilities.CreateInstance(sp, type)
                : (ICurrentPrincipal)host.ImplementationFactory!(sp)));
    }
}
