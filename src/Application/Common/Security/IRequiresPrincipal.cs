namespace RunnerTokens.Application.Common.Security;

/// <summary>
/// Marks a message only a resolved principal may send. <see cref="Behaviors.AuthorizationBehavior{TMessage, TResponse}"/>
/// answers an anonymous caller with <see cref="AccessErrors.Unauthenticated"/> before the handler runs, so the
/// handler reads <see cref="Interfaces.ICurrentPrincipal.Required"/> without checking again.
/// </summary>
public interface IRequiresPrincipal;
