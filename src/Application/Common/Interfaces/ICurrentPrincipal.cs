using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Audit;

namespace RunnerTokens.Application.Common.Interfaces;

/// <summary>The caller of the current request and where the request came from.</summary>
public interface ICurrentPrincipal
{
    /// <summary>The resolved principal; null for anonymous or background work.</summary>
    CallerPrincipal? Principal { get; }

    AuditContext Context { get; }
}
