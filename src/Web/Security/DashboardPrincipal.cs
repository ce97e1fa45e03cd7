using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Audit;

namespace RunnerTokens.Web.Security;

/// <summary>
/// The resolved caller of this circuit (or prerendering request), set by <see cref="DashboardSession"/>; read by
/// <see cref="DashboardCurrentPrincipal"/> so the Application's handlers see the same principal the API would.
/// </summary>
internal sealed class DashboardPrincipal
{
    public CallerPrincipal? Principal { get; set; }

    public AuditContext Context { get; set; } = AuditContext.None;
}
