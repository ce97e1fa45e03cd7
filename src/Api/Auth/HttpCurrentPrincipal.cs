using System.Diagnostics;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Audit;

namespace RunnerTokens.Api.Auth;

/// <summary>The caller as resolved for this HTTP request; empty outside a request (background work).</summary>
internal sealed class HttpCurrentPrincipal(IHttpContextAccessor accessor) : ICurrentPrincipal
{
    private static readonly object PrincipalKey = new();

    public CallerPrincipal? Principal =>
        accessor.HttpContext?.Items.TryGetValue(PrincipalKey, out var value) == true ? value as CallerPrincipal : null;

    public AuditContext Context
    {
        get
        {
            var http = accessor.HttpContext;
            if (http is null)
            {
                return AuditContext.None;
            }

            var userAgent = http.Request.Headers.UserAgent.ToString();
            return new AuditContext(
                Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier,
                http.Connection.RemoteIpAddress?.ToString(),
                userAgent.Length > 400 ? userAgent[..400] : userAgent);
        }
    }

    /// <summary>Called once per request by <see cref="PrincipalResolutionMiddleware"/> after authentication.</summary>
    public static void Set(HttpContext context, CallerPrincipal principal) => context.Items[PrincipalKey] = principal;

    public static bool IsResolved(HttpContext context) => context.Items.ContainsKey(PrincipalKey);
}
