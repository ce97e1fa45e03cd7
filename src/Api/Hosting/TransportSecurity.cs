using Microsoft.Extensions.Options;

namespace RunnerTokens.Api.Hosting;

/// <summary>
/// Start-up refusals outside Development: plain-HTTP GitHub API or issuer metadata (a network attacker could then
/// serve its own signing keys or read installation tokens) unless the single top-level setting
/// <c>AllowInsecureTransport=true</c> says this is a test rig or a local demo (then a warning is logged at start),
/// and a webhook secret too short to resist guessing, which no setting allows.
/// </summary>
internal static class TransportSecurity
{
    public const string AllowInsecureTransportKey = "AllowInsecureTransport";
    public const int MinimumWebhookSecretLength = 32;

    public static WebApplicationBuilder RequireSecureTransport(this WebApplicationBuilder builder)
    {
        if (builder.Environment.IsDevelopment())
        {
            return builder;
        }

        var configuration = builder.Configuration;
        var insecure = InsecureSettings(configuration);
        var failures = new List<string>();
        var allowInsecure = configuration.GetValue<bool>(AllowInsecureTransportKey);
        if (insecure.Count > 0 && !allowInsecure)
        {
            failures.AddRange(insecure.Select(setting =>
                $"{setting} is not allowed outside Development; use HTTPS, or set {AllowInsecureTransportKey}=true for a test rig or local demo."));
        }

        if (configuration["GitHub:WebhookSecret"] is { Length: > 0 } secret && secret.Length < MinimumWebhookSecretLength)
        {
            failures.Add($"GitHub:WebhookSecret must be at least {MinimumWebhookSecretLength} characters (e.g. `openssl rand -hex 32`).");
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException("Transport", typeof(WebApplicationBuilder), failures);
        }

        if (insecure.Count > 0)
        {
            builder.Services.AddHostedService(sp => new InsecureTransportWarning(
                insecure, sp.GetRequiredService<ILogger<InsecureTransportWarning>>()));
        }

        return builder;
    }

    /// <summary>The settings that would make the service talk to GitHub or an issuer over plain HTTP.</summary>
    public static List<string> InsecureSettings(IConfiguration configuration)
    {
        var insecure = new List<string>();
        if (IsHttp(configuration["GitHub:ApiBaseUrl"]))
        {
            insecure.Add("GitHub:ApiBaseUrl with http://");
        }

        foreach (var issuer in configuration.GetSection("Authentication:Issuers").GetChildren())
        {
            var name = issuer["Name"] ?? issuer.Key;
            if (issuer.GetValue("RequireHttpsMetadata", defaultValue: true) is false)
            {
                insecure.Add($"Authentication:Issuers:{issuer.Key}:RequireHttpsMetadata=false ({name})");
            }
            else if (IsHttp(issuer["Authority"]))
            {
                insecure.Add($"Authentication:Issuers:{issuer.Key}:Authority with http:// ({name})");
            }
        }

        return insecure;
    }

    private static bool IsHttp(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp;

    /// <summary>Says at every start that transport security was switched off, and where.</summary>
    private sealed class InsecureTransportWarning(IReadOnlyList<string> settings, ILogger<InsecureTransportWarning> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            logger.LogWarning(
                "AllowInsecureTransport=true: plain HTTP is allowed for {InsecureSettings}. Use this for test rigs and local demos only.",
                string.Join("; ", settings));
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
