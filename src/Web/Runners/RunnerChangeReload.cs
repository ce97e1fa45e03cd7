using RunnerTokens.Application.Runners.Common;

namespace RunnerTokens.Web.Runners;

/// <summary>
/// Reloads a page over its circuit when a runner it shows changes on this replica (<see cref="RunnerChangeFeed"/>):
/// the notification arrives on the saving thread, the reload runs on the component's dispatcher, and a burst of
/// notifications while a reload is queued costs one reload. Dispose with the component.
/// </summary>
internal sealed class RunnerChangeReload : IDisposable
{
    private readonly IDisposable _subscription;
    private int _queued;

    /// <param name="shows">Whether the page shows this change (its team, its runner).</param>
    /// <param name="invokeAsync">The component's <c>InvokeAsync</c>.</param>
    /// <param name="reload">Loads again and renders.</param>
    /// <param name="fail">The component's <c>DispatchExceptionAsync</c>: a failed reload reaches its error boundary.</param>
    public RunnerChangeReload(
        RunnerChangeFeed feed, Func<RunnerChange, bool> shows, Func<Func<Task>, Task> invokeAsync, Func<Task> reload, Func<Exception, Task> fail) =>
        _subscription = feed.Subscribe(changes =>
        {
            if (!changes.Any(shows) || Interlocked.Exchange(ref _queued, 1) == 1)
            {
                return;
            }

            _ = invokeAsync(async () =>
            {
                Volatile.Write(ref _queued, 0);
                try
                {
                    await reload();
                }
                catch (Exception exception)
                {
                    await fail(exception);
                }
            });
        });

    public void Dispose() => _subscription.Dispose();
}
