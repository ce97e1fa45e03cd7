using System.Collections.Concurrent;
using System.Reflection;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Application.Common.Behaviors;

namespace RunnerTokens.TestSupport;

/// <summary>
/// An <see cref="ISender"/> for test hosts without the Mediator source generator (it runs only in the Api
/// project): sends a command or query the way the host's mediator does, through <see cref="ValidationBehavior{TMessage, TResponse}"/>
/// to the one Application handler of the message, resolved in the caller's scope. Register it scoped:
/// <c>services.AddScoped&lt;ISender, HandlerSender&gt;()</c>. Streams and untyped sends are not supported.
/// </summary>
public sealed class HandlerSender(IServiceProvider services) : ISender
{
    private static readonly ConcurrentDictionary<Type, Type> HandlerTypes = new();

    public ValueTask<TResponse> Send<TResponse>(ICommand<TResponse> command, CancellationToken cancellationToken = default) =>
        DispatchAsync<TResponse>(command, typeof(ICommandHandler<,>), cancellationToken);

    public ValueTask<TResponse> Send<TResponse>(IQuery<TResponse> query, CancellationToken cancellationToken = default) =>
        DispatchAsync<TResponse>(query, typeof(IQueryHandler<,>), cancellationToken);

    public ValueTask<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default) =>
        DispatchAsync<TResponse>(request, typeof(IRequestHandler<,>), cancellationToken);

    public ValueTask<object?> Send(object message, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Send a typed command, query or request.");

    public IAsyncEnumerable<TResponse> CreateStream<TResponse>(IStreamQuery<TResponse> query, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public IAsyncEnumerable<TResponse> CreateStream<TResponse>(IStreamRequest<TResponse> request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public IAsyncEnumerable<TResponse> CreateStream<TResponse>(IStreamCommand<TResponse> command, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public IAsyncEnumerable<object?> CreateStream(object message, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    private ValueTask<TResponse> DispatchAsync<TResponse>(IMessage message, Type openHandlerInterface, CancellationToken cancellationToken)
    {
        var handlerType = HandlerTypes.GetOrAdd(
            openHandlerInterface.MakeGenericType(message.GetType(), typeof(TResponse)),
            static closed => FindHandler(closed));
        var invoke = typeof(HandlerSender)
            .GetMethod(nameof(InvokeAsync), BindingFlags.NonPublic | BindingFlags.Instance)!
            .MakeGenericMethod(message.GetType(), typeof(TResponse));
        return (ValueTask<TResponse>)invoke.Invoke(this, [message, handlerType, cancellationToken])!;
    }

    private ValueTask<TResponse> InvokeAsync<TMessage, TResponse>(TMessage message, Type handlerType, CancellationToken cancellationToken)
        where TMessage : notnull, IMessage
    {
        var handler = ActivatorUtilities.CreateInstance(services, handlerType);
        var handle = handlerType.GetMethod("Handle", [typeof(TMessage), typeof(CancellationToken)])!;
        var validation = new ValidationBehavior<TMessage, TResponse>(services.GetServices<IValidator<TMessage>>());
        return validation.Handle(message, (m, ct) => (ValueTask<TResponse>)handle.Invoke(handler, [m, ct])!, cancellationToken);
    }

    private static Type FindHandler(Type handlerInterface) =>
        typeof(RunnerTokens.Application.DependencyInjection).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false })
            .SingleOrDefault(t => t.GetInterfaces().Contains(handlerInterface))
        ?? throw new InvalidOperationException($"No handler implements {handlerInterface}.");
}
