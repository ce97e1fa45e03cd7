using Mediator;

namespace RunnerTokens.Web.Tests.Components;

/// <summary>Answers each message type with a function the test gives; records what was sent.</summary>
internal sealed class FakeSender : ISender
{
    private readonly Dictionary<Type, Func<object, object>> _answers = [];

    public List<object> Sent { get; } = [];

    public FakeSender On<TMessage>(Func<TMessage, object> answer)
    {
        _answers[typeof(TMessage)] = message => answer((TMessage)message);
        return this;
    }

    private TResponse Answer<TResponse>(object message)
    {
        Sent.Add(message);
        return _answers.TryGetValue(message.GetType(), out var answer)
            ? (TResponse)answer(message)
            : throw new InvalidOperationException($"No answer for {message.GetType().Name}.");
    }

    public ValueTask<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Answer<TResponse>(request));

    public ValueTask<TResponse> Send<TResponse>(ICommand<TResponse> command, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Answer<TResponse>(command));

    public ValueTask<TResponse> Send<TResponse>(IQuery<TResponse> query, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Answer<TResponse>(query));

    public ValueTask<object?> Send(object message, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<object?>(Answer<object>(message));

    public IAsyncEnumerable<TResponse> CreateStream<TResponse>(IStreamQuery<TResponse> query, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public IAsyncEnumerable<TResponse> CreateStream<TResponse>(IStreamRequest<TResponse> request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public IAsyncEnumerable<TResponse> CreateStream<TResponse>(IStreamCommand<TResponse> command, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public IAsyncEnumerable<object?> CreateStream(object message, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();
}
