using Microsoft.Extensions.Options;

namespace RunnerTokens.Infrastructure.Persistence;

/// <summary>
/// Validation of <c>Database</c> together with <c>ConnectionStrings:RunnerTokens</c> (SQLite has a default
/// file; the server providers need a connection string). Every message names the setting to fix.
/// </summary>
internal sealed class DatabaseOptionsValidator(string? connectionString) : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        if (!Enum.IsDefined(options.Provider))
        {
            return ValidateOptionsResult.Fail(
                $"{DatabaseOptions.SectionName}:Provider '{options.Provider}' is not supported; use Sqlite, SqlServer or PostgreSql.");
        }

        if (options.Provider != DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(connectionString))
        {
            return ValidateOptionsResult.Fail(
                $"ConnectionStrings:{PersistenceRegistration.ConnectionStringName} is required when {DatabaseOptions.SectionName}:Provider is {options.Provider}.");
        }

        return ValidateOptionsResult.Success;
    }
}
