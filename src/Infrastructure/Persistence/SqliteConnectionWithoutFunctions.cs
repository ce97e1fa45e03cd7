using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;
using Microsoft.EntityFrameworkCore.Storage;

namespace RunnerTokens.Infrastructure.Persistence;

#pragma warning disable EF1001 // Derives from the provider's own connection type (EF internal API): see the summary.

/// <summary>
/// EF's SQLite connection without the functions the provider puts on every connection it creates: <c>regexp</c>,
/// seven decimal functions, four decimal aggregates and a decimal collation. Microsoft.Data.Sqlite registers a
/// connection's functions natively each time it opens and removes them each time it closes, and EF opens and closes
/// around every query: 26 native calls and 13 finalizable hook handles per read (issue 10: thousands of them queued
/// for the finalizer under load, about 5% of a list request). They serve decimal arithmetic, decimal comparison
/// and <c>Regex.IsMatch</c> in queries; the model has no decimal property (a test keeps it that way) and no query
/// matches a regular expression, so none of them is ever called. Re-check on an EF Core upgrade: the base type is
/// EF's internal API and its <c>CreateDbConnection</c> is what this replaces.
/// </summary>
internal sealed class SqliteConnectionWithoutFunctions(
    RelationalConnectionDependencies dependencies,
    IRawSqlCommandBuilder rawSqlCommandBuilder,
    IDiagnosticsLogger<DbLoggerCategory.Infrastructure> logger)
    : SqliteRelationalConnection(dependencies, rawSqlCommandBuilder, logger)
{
    protected override DbConnection CreateDbConnection()
    {
        var connection = new SqliteConnection(GetValidatedConnectionString());
        if (RelationalOptionsExtension.Extract(Dependencies.ContextOptions).CommandTimeout is { } timeout)
        {
            connection.DefaultTimeout = timeout;
        }

        return connection;
    }
}
