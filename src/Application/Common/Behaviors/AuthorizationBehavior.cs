using Mediator;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Common.Behaviors;

/// <summary>
/// Refuses callers the message's markers do not admit, as a failed <see cref="Result"/> (never an exception):
/// <see cref="IRequiresPrincipal"/> without a principal gets <see cref="AccessErrors.Unauthenticated"/>,
/// <see cref="IAdminOnly"/> without the admin role gets <see cref="AccessErrors.AdminRequired"/>. Runs after
/// validation, as the handlers' own checks did, so an invalid message is a 400 whoever sends it.
/// </summary>
public sealed class AuthorizationBehavior<TMessage, TResponse>(ICurrentPrincipal current)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        if (message is not IRequiresPrincipal)
        {
            return next(message, cancellationToken);
        }

        var refusal = current.Principal switch
        {
            null => AccessErrors.Unauthenticated,
            { IsAdmin: false } when message is IAdminOnly => AccessErrors.AdminRequired,
            _ => null,
        };
        return refusal is null ? next(message, cancellationToken) : ValueTask.FromResult(FailedResult<TResponse>.From(refusal));
    }
}
