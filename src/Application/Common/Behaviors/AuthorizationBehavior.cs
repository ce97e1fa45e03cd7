using Mediator;
using RunnerTokens.Application.Common.Auditing;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Common.Behaviors;

/// <summary>
/// Refuses callers the message's markers do not admit, as a failed <see cref="Result"/> (never an exception):
/// <see cref="IRequiresPrincipal"/> without a principal gets <see cref="AccessErrors.Unauthenticated"/>,
/// <see cref="IAdminOnly"/> without the admin role gets <see cref="AccessErrors.AdminRequired"/>. Runs after
/// validation, as the handlers' own checks did, so an invalid message is a 400 whoever sends it.
/// An admin-only message refused to a known principal is a low-severity security event (at most one per
/// principal, message and <see cref="RefusalEventWindow"/>): someone is probing for, or lacks, the admin role.
/// </summary>
public sealed class AuthorizationBehavior<TMessage, TResponse>(
    ICurrentPrincipal current,
    IAuditLog audit,
    IAppDbContext db,
    SecurityEventThrottle throttle)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public const string AdminRequiredEvent = "authorization.admin_required";
    public static readonly TimeSpan RefusalEventWindow = TimeSpan.FromMinutes(1);

    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        if (message is not IRequiresPrincipal)
        {
            return await next(message, cancellationToken);
        }

        var principal = current.Principal;
        if (principal is null)
        {
            return FailedResult<TResponse>.From(AccessErrors.Unauthenticated);
        }

        if (principal.IsAdmin || message is not IAdminOnly)
        {
            return await next(message, cancellationToken);
        }

        var messageName = typeof(TMessage).Name;
        if (throttle.ShouldRecord(string.Join('\n', AdminRequiredEvent, principal.Kind, principal.Id, messageName), RefusalEventWindow))
        {
            audit.RecordSecurity(new SecurityEntry(AdminRequiredEvent, SecuritySeverity.Low, Details: new { message = messageName }));
            await db.SaveChangesAsync(cancellationToken);
        }

        return FailedResult<TResponse>.From(AccessErrors.AdminRequired);
    }
}
