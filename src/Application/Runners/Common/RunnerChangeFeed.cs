using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace RunnerTokens.Application.Runners.Common;

/// <summary>
/// In-process notifications of committed runner changes on this replica: whichever use case saved them (the sync,
/// a webhook, provisioning, a deletion), the persistence layer publishes them once the save has committed. The
/// dashboard's pages subscribe to update over their circuit. Another replica's changes are not seen here: a page
/// shows them when this replica's own sync saves the same state, or at its next load.
/// </summary>
public sealed partial class RunnerChangeFeed(ILogger<RunnerChangeFeed> logger)
{
    private ImmutableArray<Action<IReadOnlyList<RunnerChange>>> _subscribers = [];

    /// <summary>
    /// Calls <paramref name="subscriber"/> with each committed batch until the returned handle is disposed. It runs
    /// on the saving thread: hand the work off (a component's <c>InvokeAsync</c>) instead of doing it there.
    /// </summary>
    public IDisposable Subscribe(Action<IReadOnlyList<RunnerChange>> subscriber)
    {
        ImmutableInterlocked.Update(ref _subscribers, list => list.Add(subscriber));
        return new Subscription(this, subscriber);
    }

    /// <summary>Tells every subscriber; one that throws is logged: a subscriber's bug never fails the committed save.</summary>
    public void Publish(IReadOnlyList<RunnerChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        foreach (var subscriber in _subscribers)
        {
            try
            {
                subscriber(changes);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                LogSubscriberFailed(exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A runner change subscriber failed")]
    private partial void LogSubscriberFailed(Exception exception);

    private sealed class Subscription(RunnerChangeFeed feed, Action<IReadOnlyList<RunnerChange>> subscriber) : IDisposable
    {
        public void Dispose() => ImmutableInterlocked.Update(ref feed._subscribers, list => list.Remove(subscriber));
    }
}
