using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Audit;

namespace RunnerTokens.Api.FunctionalTests.Audit;

/// <summary>
/// The real API on its own SQLite file. Until the bearer-token test infrastructure lands, callers are
/// chosen by the <see cref="PrincipalHeader"/> header naming a principal registered in <see cref="Principals"/>;
/// everything after principal resolution (controllers, mediator pipeline, handlers, database) is real.
/// </summary>
public sealed class AuditApiFactory : WebApplicationFactory<Program>
{
    public const string PrincipalHeader = "X-Test-Principal";

    public AuditApiFactory() =>
        DatabasePath = Path.Combine(Path.GetTempPath(), $"audit-api-{Guid.NewGuid():N}.db");

    public string DatabasePath { get; }

    public ConcurrentDictionary<string, CallerPrincipal> Principals { get; } = new(StringComparer.Ordinal);

    public HttpClient ClientAs(string? principal)
    {
        var client = CreateClient();
        if (principal is not null)
        {
            client.DefaultRequestHeaders.Add(PrincipalHeader, principal);
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:RunnerTokens", $"Data Source={DatabasePath}");
        builder.UseSetting("Audit:Sealing:Interval", "00:00:01");
        builder.ConfigureTestServices(services =>
        {
            services.AddScoped<ICurrentPrincipal>(sp => new HeaderPrincipal(
                sp.GetRequiredService<IHttpContextAccessor>(), Principals));
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm" })
        {
            File.Delete(file);
        }
    }

    private sealed class HeaderPrincipal(IHttpContextAccessor accessor, ConcurrentDictionary<string, CallerPrincipal> principals) : ICurrentPrincipal
    {
        public CallerPrincipal? Principal =>
            accessor.HttpContext?.Request.Headers[PrincipalHeader].ToString() is { Length: > 0 } name && principals.TryGetValue(name, out var p)
                ? p
                : null;

        public AuditContext Context
        {
            get
            {
                var http = accessor.HttpContext;
                return http is null
                    ? AuditContext.None
                    : new AuditContext(http.TraceIdentifier, http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString());
            }
        }
    }
}
