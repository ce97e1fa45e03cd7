using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Audit;

namespace RunnerTokens.Application.Common.Interfaces;

/// <summary>The caller of the current request and where the request came from.</summary>
public interface ICurrentPrincipal
{
    /// <summary>The resolved principal; null for anonymous or background work.</summary>
    CallerPrincipal? Principal { get; }

    /// <summary>
    /// The resolved principal of a message marked <see cref="IRequiresPrincipal"/>: the authorization behaviour
    /// has refused anonymous callers already. Reading it anywhere else is a bug, so it throws.
    /// </summary>
    CallerPrincipal Required => Principal
        ?? throw new InvalidOperationException($"No principal: the message must be marked {nameof(IRequiresPrincipal)} to reach its handler authorized.");

    AuditContext Context { get; }
}
