using System.Collections.Concurrent;
using System.Reflection;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Application.Common.Behaviors;
using RunnerTokens.Application.Common.Interfaces;

namespace RunnerTokens.TestSupport;

/// <summary>
/// The host's pipeline for test containers without the Mediator source generator (it runs only in the Api
/// project): validation, then authorization, then the message's one Application handler, found by reflection and
/// resolved from <paramref name="services"/> (the caller's scope). Without an <see cref="ICurrentPrincipal"/>
/// registered the caller is anonymous, as for the background workers.
/// </summary>
public static class TestMessagePipeline
{
    private static readonly ConcurrentDictionary<Type, Type> HandlerTypes = new();
    private static readonly MethodInfo Invoke = typeof(TestMessagePipeline).GetMethod(nameof(InvokeAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static ValueTask<TResponse> SendAsync<TResponse>(IServiceProvider services, ICommand<TResponse> command, CancellationToken cancellationToken = default) =>
        DispatchAsync<TResponse>(services, command, typeof(ICommandHandler<,>), cancellationToken);

    public static ValueTask<TResponse> SendAsync<TResponse>(IServiceProvider services, IQuery<TResponse> query, CancellationToken cancellationToken = default) =>
        DispatchAsync<TResponse>(services, query, typeof(IQueryHandler<,>), cancellationToken);

    public static ValueTask<TResponse> SendAsync<TResponse>(IServiceProvider services, IRequest<TResponse> request, CancellationToken cancellationToken = default) =>
        DispatchAsync<TResponse>(services, request, typeof(IRequestHandler<,>), cancellationToken);

    private static ValueTask<TResponse> DispatchAsync<TResponse>(IServiceProvider services, IMessage message, Type openHandlerInterface, CancellationToken cancellationToken)
    {
        var handlerType = HandlerTypes.GetOrAdd(
            openHandlerInterface.MakeGenericType(message.GetType(), typeof(TResponse)),
            static closed => FindHandler(closed));
        return (ValueTask<TResponse>)Invoke.MakeGenericMethod(message.GetType(), typeof(TResponse))
            .Invoke(null, [services, message, handlerType, cancellationToken])!;
    }

    private static ValueTask<TResponse> InvokeAsync<TMessage, TResponse>(IServiceProvider services, TMessage message, Type handlerType, CancellationToken cancellationToken)
        where TMessage : notnull, IMessage
    {
        var handler = ActivatorUtilities.CreateInstance(services, handlerType);
        var handle = handlerType.GetMethod("Handle", [typeof(TMessage), typeof(CancellationToken)])!;
        var validation = new ValidationBehavior<TMessage, TResponse>(services.GetServices<IValidator<TMessage>>());
        var authorization = services.GetService<ICurrentPrincipal>() is null
            // Anonymous: the behaviour refuses (or passes) before it could ever write a security event.
            ? ActivatorUtilities.CreateInstance<AuthorizationBehavior<TMessage, TResponse>>(services, AnonymousCaller.Instance, UnusedAuditLog.Instance)
            : ActivatorUtilities.CreateInstance<AuthorizationBehavior<TMessage, TResponse>>(services);
        return validation.Handle(
            message,
            (m, ct) => authorization.Handle(m, (authorized, ct2) => (ValueTask<TResponse>)handle.Invoke(handler, [authorized, ct2])!, ct),
            cancellationToken);
    }

    private static Type FindHandler(Type handlerInterface) =>
        typeof(RunnerTokens.Application.DependencyInjection).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false })
            .SingleOrDefault(t => t.GetInterfaces().Contains(handlerInterface))
        ?? throw new InvalidOperationException($"No handler implements {handlerInterface}.");

    /// <summary>Stands in for the audit log of containers without a principal, where nothing is ever refused to a known caller.</summary>
    private sealed class UnusedAuditLog : RunnerTokens.Application.Common.Auditing.IAuditLog
    {
        public static readonly UnusedAuditLog Instance = new();

        public void Record(RunnerTokens.Application.Common.Auditing.AuditEntry entry) =>
            throw new InvalidOperationException("An anonymous test pipeline does not audit.");

        public void RecordSecurity(RunnerTokens.Application.Common.Auditing.SecurityEntry entry) =>
            throw new InvalidOperationException("An anonymous test pipeline does not audit.");
    }

    private sealed class AnonymousCaller : ICurrentPrincipal
    {
        public static readonly AnonymousCaller Instance = new();

        public RunnerTokens.Application.Common.Security.CallerPrincipal? Principal => null;

        public RunnerTokens.Domain.Audit.AuditContext Context => RunnerTokens.Domain.Audit.AuditContext.None;
    }
}
