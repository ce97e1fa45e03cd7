using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RunnerTokens.Infrastructure.Persistence;

/// <summary>
/// Per-connection SQLite settings. In WAL mode, <c>synchronous=NORMAL</c> is durable across application crashes
/// (only an OS crash or power loss can lose the last commits) and spares an fsync per commit, which otherwise
/// dominates write latency. Applied once per physical connection: Microsoft.Data.Sqlite pools them, and EF opens
/// and closes the pooled connection around every query.
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSettings Instance = new();

    private const string Pragmas = "PRAGMA synchronous=NORMAL;";

    /// <summary>The native connections already set up (weak: a handle closed by the pool is forgotten with it).</summary>
    private readonly ConditionalWeakTable<object, object> _configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!NeedsSettings(connection))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        Remember(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!NeedsSettings(connection))
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        Remember(connection);
    }

    private bool NeedsSettings(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || !_configured.TryGetValue(handle, out _);

    private void Remember(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            _configured.AddOrUpdate(handle, handle);
        }
    }
}
