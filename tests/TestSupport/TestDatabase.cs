using Microsoft.Extensions.Logging.Abstractions;
using RunnerTokens.Infrastructure.Persistence;

namespace RunnerTokens.TestSupport;

/// <summary>One fresh database owned by one test; dispose it to drop it.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly Func<ValueTask> _drop;
    private bool _disposed;

    internal TestDatabase(DatabaseProvider provider, string name, string connectionString, Func<ValueTask> drop)
    {
        Provider = provider;
        Name = name;
        ConnectionString = connectionString;
        _drop = drop;
    }

    public DatabaseProvider Provider { get; }

    /// <summary>The database name (SQLite: the file name without extension).</summary>
    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>
    /// Configuration that points the service at this database, for example in a WebApplicationFactory:
    /// <c>builder.ConfigureAppConfiguration(c =&gt; c.AddInMemoryCollection(database.Settings))</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = Provider.ToString(),
        ["ConnectionStrings:RunnerTokens"] = ConnectionString,
    };

    /// <summary>A new context on this database; the caller disposes it.</summary>
    public AppDbContext CreateContext() => TestDatabases.CreateContext(Provider, ConnectionString);

    /// <summary>Applies every pending migration the way the service does at start-up.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = CreateContext();
        await new DatabaseMigrator(db, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _drop();
    }
}
