namespace RunnerTokens.Infrastructure.Persistence;

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations when the service starts.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>
    /// EF Core's check that one context is never used by two operations at once. Off by default: it sets an
    /// <see cref="AsyncLocal{T}"/> twice for every row read (an execution context and a boxed count each time, about
    /// 6 KB of a 20-runner list; docs/performance.md, seventh pass). The functional tests turn it on, so a concurrent
    /// use of a context still fails there. One value per process: the compiled queries bind to the first EF model.
    /// </summary>
    public bool ThreadSafetyChecks { get; set; }
}
