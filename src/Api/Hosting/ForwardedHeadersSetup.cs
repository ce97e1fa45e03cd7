using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace RunnerTokens.Api.Hosting;

/// <summary>
/// <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> from the reverse proxies named in <see cref="ForwardedHeadersSettings"/>
/// only: the client address that rate limits, audit and security events use, and the scheme HSTS and redirects
/// see. Without proxies configured the headers are ignored (as before). Trusting every sender is refused.
/// </summary>
internal static class ForwardedHeadersSetup
{
    public static WebApplicationBuilder AddForwardedHeaders(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue<bool>("FORWARDEDHEADERS_ENABLED"))
        {
            // ASP.NET Core's switch trusts the headers from any sender.
            throw new OptionsValidationException(ForwardedHeadersSettings.SectionName, typeof(ForwardedHeadersSettings),
                ["ASPNETCORE_FORWARDEDHEADERS_ENABLED trusts X-Forwarded-For from anyone; name your proxies in ForwardedHeaders:KnownProxies or ForwardedHeaders:KnownNetworks instead."]);
        }

        var settings = builder.Configuration.GetSection(ForwardedHeadersSettings.SectionName).Get<ForwardedHeadersSettings>() ?? new ForwardedHeadersSettings();
        var (proxies, networks, failures) = Parse(settings);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(ForwardedHeadersSettings.SectionName, typeof(ForwardedHeadersSettings), failures);
        }

        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = settings.ForwardLimit;

            // Replace the loopback defaults: exactly the configured senders are trusted.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(network);
            }
        });
        return builder;
    }

    /// <summary>First in the pipeline, so everything after it sees the client, not the proxy. A no-op without proxies.</summary>
    public static WebApplication UseConfiguredForwardedHeaders(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        if (options.KnownProxies.Count > 0 || options.KnownIPNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    private static (List<IPAddress> Proxies, List<System.Net.IPNetwork> Networks, List<string> Failures) Parse(ForwardedHeadersSettings settings)
    {
        var failures = new List<string>();
        var proxies = new List<IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        foreach (var (value, index) in settings.KnownProxies.Select((v, i) => (v, i)))
        {
            if (IPAddress.TryParse(value, out var address))
            {
                proxies.Add(address);
            }
            else
            {
                failures.Add($"{ForwardedHeadersSettings.SectionName}:KnownProxies:{index} '{value}' is not an IP address.");
            }
        }

        foreach (var (value, index) in settings.KnownNetworks.Select((v, i) => (v, i)))
        {
            if (!System.Net.IPNetwork.TryParse(value, out var network))
            {
                failures.Add($"{ForwardedHeadersSettings.SectionName}:KnownNetworks:{index} '{value}' is not a CIDR network (10.0.0.0/8, fd00::/8).");
            }
            else if (network.PrefixLength == 0)
            {
                failures.Add($"{ForwardedHeadersSettings.SectionName}:KnownNetworks:{index} '{value}' trusts every sender; name the proxies' network.");
            }
            else
            {
                networks.Add(network);
            }
        }

        if (settings.ForwardLimit is < 1)
        {
            failures.Add($"{ForwardedHeadersSettings.SectionName}:ForwardLimit must be at least 1.");
        }

        return (proxies, networks, failures);
    }
}
