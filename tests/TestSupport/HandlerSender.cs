using Mediator;

namespace RunnerTokens.TestSupport;

/// <summary>
/// An <see cref="ISender"/> for test hosts without the Mediator source generator: sends through
/// <see cref="TestMessagePipeline"/> in the caller's scope. Register it scoped:
/// <c>services.AddScoped&lt;ISender, HandlerSender&gt;()</c>. Streams and untyped sends are not supported.
/// </summary>
public sealed class HandlerSender(IServiceProvider services) : ISender
{
    public ValueTask<TResponse> Send<TResponse>(ICommand<TResponse> command, CancellationToken cancellationToken = default) =>
        TestMessagePipeline.SendAsync(services, command, cancellationToken);

    public ValueTask<TResponse> Send<TResponse>(IQuery<TResponse> query, CancellationToken cancellationToken = default) =>
        TestMessagePipeline.SendAsync(services, query, cancellationToken);

    public ValueTask<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default) =>
        TestMessagePipeline.SendAsync(services, request, cancellationToken);

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
}
