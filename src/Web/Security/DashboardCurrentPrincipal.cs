using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Audit;

namespace RunnerTokens.Web.Security;

/// <summary>
/// The host's <see cref="ICurrentPrincipal"/> (the API's, per HTTP request), with the dashboard's caller taking
/// precedence inside a dashboard circuit, where there is no HTTP request to read it from.
/// </summary>
internal sealed class DashboardCurrentPrincipal(DashboardPrincipal dashboard, ICurrentPrincipal host) : ICurrentPrincipal
{
    public CallerPrincipal? Principal => dashboard.Principal ?? host.Principal;

    public AuditContext Context => dashboard.Principal is not null ? dashboard.Context : host.Context;
}
