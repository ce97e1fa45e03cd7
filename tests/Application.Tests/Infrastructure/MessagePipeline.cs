using Mediator;
using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.TestSupport;

namespace RunnerTokens.Application.Tests.Infrastructure;

/// <summary>
/// The one way Application tests run a message: in a new DI scope (like one HTTP request), through the
/// pipeline (validation, authorization, then the handler) of <see cref="TestMessagePipeline"/>, as the mediator does.
/// </summary>
public static class MessagePipeline
{
    public static async Task<TResponse> SendAsync<TResponse>(IServiceProvider services, ICommand<TResponse> command)
    {
        await using var scope = services.CreateAsyncScope();
        return await TestMessagePipeline.SendAsync(scope.ServiceProvider, command);
    }

    public static async Task<TResponse> SendAsync<TResponse>(IServiceProvider services, IQuery<TResponse> query)
    {
        await using var scope = services.CreateAsyncScope();
        return await TestMessagePipeline.SendAsync(scope.ServiceProvider, query);
    }
}
