using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using RunnerTokens.Domain.Runners;

namespace RunnerTokens.Application.Tests.Infrastructure;

/// <summary>
/// Puts a competing writer between a handler's read and its write, as another replica would: once armed, the next
/// save that is about to change a runner first runs <c>writer</c> (in its own scope and context) and then goes on
/// with what it had read. Fires once; the competing writer's own saves never trigger it.
/// Add it in <see cref="SqliteHandlerTestBase.ConfigureDbContext"/>.
/// </summary>
public sealed class InterleavedWriter : SaveChangesInterceptor
{
    private Func<Task>? _writer;

    /// <summary>How many times an armed writer ran.</summary>
    public int Fired { get; private set; }

    public void BeforeNextRunnerSave(Func<Task> writer) => _writer = writer;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (_writer is { } writer
            && eventData.Context is { } context
            && context.ChangeTracker.Entries<Runner>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            _writer = null;
            Fired++;
            await writer();
        }

        return result;
    }
}
