using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace RunnerTokens.Api.Hosting;

/// <summary>
/// HTTPS served by Kestrel from the PEM pair in <see cref="TlsOptions"/> (reloaded when the files change), and
/// HSTS outside Development. Without a <c>Tls</c> section nothing changes: plain HTTP, TLS at a proxy.
/// </summary>
internal static class TlsSetup
{
    public static WebApplicationBuilder AddTls(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TlsOptions.SectionName).Get<TlsOptions>() ?? new TlsOptions();
        if (!options.IsConfigured)
        {
            return builder;
        }

        if (string.IsNullOrWhiteSpace(options.CertificatePath) || string.IsNullOrWhiteSpace(options.KeyPath))
        {
            throw new OptionsValidationException(TlsOptions.SectionName, typeof(TlsOptions),
                [$"{TlsOptions.SectionName}:CertificatePath and {TlsOptions.SectionName}:KeyPath go together: set both (PEM files) or neither."]);
        }

        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddSingleton(sp => new ReloadingPemCertificate(
            options, contentRoot, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ReloadingPemCertificate>>()));
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IServiceProvider>((kestrel, services) =>
            kestrel.ConfigureHttpsDefaults(https =>
            {
                // Resolved when Kestrel binds an HTTPS endpoint, so `migrate` and HTTP-only hosts never read the files.
                var certificate = services.GetRequiredService<ReloadingPemCertificate>();
                https.ServerCertificateSelector = (_, _) => certificate.Certificate;

                // The context carries the intermediates from the PEM file, which the selector alone would not send.
                https.OnAuthenticate = (_, ssl) =>
                {
                    ssl.ServerCertificateSelectionCallback = null;
                    ssl.ServerCertificate = null;
                    ssl.ServerCertificateContext = certificate.Current;
                };
            }));
        return builder;
    }

    /// <summary>Strict-Transport-Security on HTTPS responses outside Development (browsers then refuse plain HTTP).</summary>
    public static WebApplication UseHstsOutsideDevelopment(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        return app;
    }
}
