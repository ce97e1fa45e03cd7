using System.Collections.Concurrent;
using System.Reflection;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Application.Common.Behaviors;
using RunnerTokens.Application.Common.Interfaces;

namespace RunnerTokens.Application.Tests.Infrastructure;

/// <summary>
/// The one way Application tests run a message: in a new DI scope (like one HTTP request), through the
/// pipeline (validation, authorization, then the handler), as the mediator does. The mediator itself is generated in the
/// host, so the handler is found by reflection here.
/// </summary>
public static class MessagePipeline
{
    private static readonly ConcurrentDictionary<Type, Type> HandlerTypes = new();

    public static Task<TResponse> SendAsync<TResponse>(IServiceProvider services, ICommand<TResponse> command) =>
        DispatchAsync<TResponse>(services, command, typeof(ICommandHandler<,>));

    public static Task<TResponse> SendAsync<TResponse>(IServiceProvider services, IQuery<TResponse> query) =>
        DispatchAsync<TResponse>(services, query, typeof(IQueryHandler<,>));

    private static async Task<TResponse> DispatchAsync<TResponse>(IServiceProvider services, IMessage message, Type openHandlerInterface)
    {
        var handlerType = HandlerTypes.GetOrAdd(
            openHandlerInterface.MakeGenericType(message.GetType(), typeof(TResponse)),
            static closed => FindHandler(closed));
        var invoke = typeof(MessagePipeline)
            .GetMethod(nameof(InvokeAsync), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(message.GetType(), typeof(TResponse));
        return await (Task<TResponse>)invoke.Invoke(null, [services, message, handlerType])!;
    }

    private static async Task<TResponse> InvokeAsync<TMessage, TResponse>(IServiceProvider services, TMessage message, Type handlerType)
        where TMessage : notnull, IMessage
    {
        await using var scope = services.CreateAsyncScope();
        var handler = ActivatorUtilities.CreateInstance(scope.ServiceProvider, handlerType);
        var handle = handlerType.GetMethod("Handle", [typeof(TMessage), typeof(CancellationToken)])!;
        var validation = new ValidationBehavior<TMessage, TResponse>(scope.ServiceProvider.GetServices<IValidator<TMessage>>());
        var authorization = ActivatorUtilities.CreateInstance<AuthorizationBehavior<TMessage, TResponse>>(scope.ServiceProvider);
        return await validation.Handle(
            message,
            (m, ct) => authorization.Handle(m, (authorized, ct2) => (ValueTask<TResponse>)handle.Invoke(handler, [authorized, ct2])!, ct),
            CancellationToken.None);
    }

    private static Type FindHandler(Type handlerInterface) =>
        typeof(RunnerTokens.Application.DependencyInjection).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false })
            .SingleOrDefault(t => t.GetInterfaces().Contains(handlerInterface))
        ?? throw new InvalidOperationException($"No handler implements {handlerInterface}.");
}
